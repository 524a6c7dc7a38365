package io.leadstream.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.rest.FileUpload;
import org.apache.flink.runtime.rest.RestClient;
import org.apache.flink.runtime.rest.messages.EmptyMessageParameters;
import org.apache.flink.runtime.rest.messages.EmptyRequestBody;
import org.apache.flink.runtime.rest.messages.JobMessageParameters;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatisticsHeaders;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo;
import org.apache.flink.runtime.rest.messages.taskmanager.TaskManagerInfo;
import org.apache.flink.runtime.rest.messages.taskmanager.TaskManagersHeaders;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;
import org.apache.flink.runtime.webmonitor.handlers.JarRunHeaders;
import org.apache.flink.runtime.webmonitor.handlers.JarRunMessageParameters;
import org.apache.flink.runtime.webmonitor.handlers.JarRunRequestBody;
import org.apache.flink.runtime.webmonitor.handlers.JarUploadHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone Flink session cluster as a data engineer runs one: a JobManager and TaskManagers, each a
 * process of its own with the classpath of a Flink distribution's {@code lib/} (stack-runtime-flink: flink-dist
 * itself is not on Maven Central), jobs submitted as jars over the REST API ({@code /jars/upload} then
 * {@code /jars/:id/run}, as the web UI and {@code flink run} against a session cluster do). A TaskManager can be
 * SIGKILLed and another started; a job stopped with a savepoint and started again from it.
 */
public final class StandaloneFlinkCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneFlinkCluster.class);
    private static final String CLASSPATH = "META-INF/leadstream/flink.classpath";
    private static final Duration CALL = Duration.ofMinutes(3);
    /** The module opens Flink's serializers need on JDK 17: the root pom's list (leadstream.jvm.opens), as the tests' JVMs get it. */
    private static final List<String> JVM_OPENS = Arrays.asList(ChildJvm.readResource("META-INF/leadstream/jvm.opens").split("\\s+"));

    private final Path dir;
    private final Path configDir;
    private final Configuration config;
    private final Map<String, String> environment;
    private final ChildJvm jobManager;
    private final List<ChildJvm> taskManagers = new ArrayList<>();
    private final RestClusterClient<String> client;
    private final RestClient rest;
    private final int restPort;
    /** Where each process's Prometheus reporter answers: the JobManager's first, then the TaskManagers' in start order. */
    private final List<Integer> metricsPorts = new ArrayList<>();

    private StandaloneFlinkCluster(Path dir, Configuration config, Map<String, String> environment) throws Exception {
        this.dir = dir;
        this.configDir = dir.resolve("conf");
        this.config = config;
        this.environment = Map.copyOf(environment);
        this.restPort = config.get(org.apache.flink.configuration.RestOptions.PORT);
        writeConfigDir();
        List<String> args = new ArrayList<>(List.of("--configDir", configDir.toString()));
        args.addAll(metricsPort());
        this.jobManager = ChildJvm.ofResource("flink-jobmanager", jvmArgs(List.of("-Xmx512m", "-Xms512m"), "jobmanager"), CLASSPATH,
                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", args, environment, dir.resolve("log/jobmanager.log"));
        this.client = new RestClusterClient<>(config, "leadstream-standalone");
        this.rest = new RestClient(config, Executors.newSingleThreadExecutor());
    }

    /**
     * Starts a JobManager and {@code taskManagers} TaskManagers of {@code slots} slots each, configured in
     * {@code dir/conf}; {@code environment} goes to every process (the job's main reads it on the JobManager).
     */
    public static StandaloneFlinkCluster start(Path dir, int taskManagers, int slots, Map<String, String> environment) throws Exception {
        StandaloneFlinkCluster cluster = new StandaloneFlinkCluster(dir, configuration(dir, slots), environment);
        try {
            cluster.jobManager.start();
            for (int i = 0; i < taskManagers; i++) {
                cluster.startTaskManager();
            }
            cluster.awaitTaskManagers(taskManagers, Duration.ofMinutes(3));
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    private static Configuration configuration(Path dir, int slots) {
        Configuration c = new Configuration();
        c.setString("jobmanager.rpc.address", "localhost");
        c.setString("jobmanager.rpc.port", Integer.toString(FreePorts.next()));
        c.setString("jobmanager.bind-host", "localhost");
        c.setString("taskmanager.bind-host", "localhost");
        c.setString("taskmanager.host", "localhost");
        c.setString("rest.address", "localhost");
        c.setString("rest.bind-address", "localhost");
        c.setString("rest.port", Integer.toString(FreePorts.next()));
        c.setString("jobmanager.memory.process.size", "768m");
        c.setString("taskmanager.memory.process.size", "1280m");
        c.setString("taskmanager.memory.managed.size", "128m");
        c.setString("taskmanager.numberOfTaskSlots", Integer.toString(slots));
        // One subtask per TaskManager where there is room, so that losing any one of them hits the job.
        c.setString("cluster.evenly-spread-out-slots", "true");
        // A SIGKILLed TaskManager answers no heartbeat: noticed in seconds instead of the default 50.
        c.setString("heartbeat.interval", "1000");
        c.setString("heartbeat.timeout", "8000");
        c.setString("restart-strategy.type", "fixed-delay");
        c.setString("restart-strategy.fixed-delay.attempts", "100");
        c.setString("restart-strategy.fixed-delay.delay", "2 s");
        c.setString("web.upload.dir", dir.resolve("uploads").toString());
        c.setString("io.tmp.dirs", dir.resolve("tmp").toString());
        c.setString("execution.checkpointing.savepoint-dir", dir.resolve("savepoints").toUri().toString());
        // As docker/compose.yaml configures it; each process gets a port of its own (metricsPort).
        c.setString("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        return c;
    }

    private void writeConfigDir() throws IOException {
        Files.createDirectories(configDir);
        Files.createDirectories(dir.resolve("uploads"));
        Files.createDirectories(dir.resolve("tmp"));
        String yaml = config.toMap().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ": '" + e.getValue().replace("'", "''") + "'").collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(configDir.resolve(GlobalConfiguration.FLINK_CONF_FILENAME), yaml);
        Files.writeString(configDir.resolve("log4j.properties"), """
                rootLogger.level = INFO
                rootLogger.appenderRef.console.ref = console
                appender.console.name = console
                appender.console.type = CONSOLE
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1} - %m%n
                """);
    }

    private List<String> jvmArgs(List<String> memory, String name) {
        List<String> args = new ArrayList<>(memory);
        args.addAll(JVM_OPENS);
        args.add("-Dlog4j.configurationFile=" + configDir.resolve("log4j.properties").toUri());
        args.add("-Dlog.file=" + dir.resolve("log/" + name + ".log"));
        return args;
    }

    /**
     * Starts one more TaskManager. As flink-dist's scripts do, its memory is worked out from the configuration
     * first: the JVM's sizes, and the derived sizes passed as dynamic properties (a TaskManager refuses to start
     * without them).
     */
    public synchronized ChildJvm startTaskManager() {
        String id = "tm-" + taskManagers.size();
        TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(config);
        List<String> args = new ArrayList<>(List.of("--configDir", configDir.toString()));
        args.addAll(Arrays.asList(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec).trim().split("\\s+")));
        args.addAll(List.of("-D", "taskmanager.resource-id=" + id));
        args.addAll(metricsPort());
        ChildJvm tm = ChildJvm.ofResource("flink-" + id, jvmArgs(Arrays.asList(ProcessMemoryUtils.generateJvmParametersStr(spec).trim().split("\\s+")), id),
                CLASSPATH, "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", args, environment, dir.resolve("log/" + id + ".log"));
        taskManagers.add(tm.start());
        return tm;
    }

    private List<String> metricsPort() {
        int port = FreePorts.next();
        metricsPorts.add(port);
        return List.of("-D", "metrics.reporter.prom.port=" + port);
    }

    /** The Prometheus endpoints of the JobManager and of the TaskManagers still running. */
    public List<String> metricsUrls() {
        List<String> urls = new ArrayList<>(List.of("http://localhost:" + metricsPorts.get(0) + "/metrics"));
        for (int i = 0; i < taskManagers.size(); i++) {
            if (taskManagers.get(i).isAlive()) {
                urls.add("http://localhost:" + metricsPorts.get(i + 1) + "/metrics");
            }
        }
        return urls;
    }

    public ChildJvm jobManager() {
        return jobManager;
    }

    public ChildJvm taskManager(int i) {
        return taskManagers.get(i);
    }

    public int taskManagersStarted() {
        return taskManagers.size();
    }

    public String restUrl() {
        return "http://localhost:" + restPort;
    }

    /** Waits until {@code count} TaskManagers are registered with the JobManager. */
    public void awaitTaskManagers(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            jobManager.checkAlive();
            try {
                if (taskManagerInfos().size() == count) {
                    return;
                }
            } catch (Exception notYet) {
                // the REST endpoint is still starting
            }
            Pause.millis(200);
        }
        throw new IllegalStateException(count + " TaskManagers not registered after " + timeout + ":\n" + jobManager.tail(40));
    }

    private java.util.Collection<TaskManagerInfo> taskManagerInfos() throws Exception {
        return client.sendRequest(TaskManagersHeaders.getInstance(), EmptyMessageParameters.getInstance(), EmptyRequestBody.getInstance())
                .get(10, TimeUnit.SECONDS).getTaskManagerInfos();
    }

    /** Index of a started TaskManager that runs at least one of the job's tasks now. */
    public int busyTaskManager() throws Exception {
        for (TaskManagerInfo info : taskManagerInfos()) {
            if (info.getNumberAvailableSlots() < info.getNumberSlots()) {
                String id = info.getResourceId().getResourceIdString();
                return Integer.parseInt(id.substring("tm-".length()));
            }
        }
        throw new IllegalStateException("no TaskManager runs a task");
    }

    /** Uploads {@code jar} and runs its {@code entryClass} at {@code parallelism}, from {@code savepoint} if not null. */
    public JobID submitJar(Path jar, String entryClass, int parallelism, String savepoint) throws Exception {
        String uploaded = rest.sendRequest("localhost", restPort, JarUploadHeaders.getInstance(), EmptyMessageParameters.getInstance(),
                EmptyRequestBody.getInstance(), List.of(new FileUpload(jar, "application/x-java-archive"))).get(CALL.toSeconds(), TimeUnit.SECONDS).getFilename();
        JarRunMessageParameters params = JarRunHeaders.getInstance().getUnresolvedMessageParameters();
        params.jarIdPathParameter.resolve(Path.of(uploaded).getFileName().toString());
        JarRunRequestBody body = new JarRunRequestBody(entryClass, List.of(), parallelism, null, false, savepoint,
                savepoint == null ? null : RecoveryClaimMode.NO_CLAIM, Map.of());
        JobID job = rest.sendRequest("localhost", restPort, JarRunHeaders.getInstance(), params, body).get(CALL.toSeconds(), TimeUnit.SECONDS).getJobId();
        LOG.info("Submitted {} ({}) at parallelism {}{} as {}", jar.getFileName(), entryClass, parallelism,
                savepoint == null ? "" : " from " + savepoint, job);
        return job;
    }

    /** Waits until every task of the job runs (its sources consume, a checkpoint can be taken). */
    public JobDetailsInfo awaitRunning(JobID job, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                JobDetailsInfo details = client.getJobDetails(job).get(10, TimeUnit.SECONDS);
                last = details.getJobStatus() + " " + details.getJobVerticesPerState();
                if (details.getJobStatus().isTerminalState()) {
                    throw new IllegalStateException("Job " + job + " ended as " + details.getJobStatus() + ":\n" + jobManager.tail(60));
                }
                if (details.getJobVertexInfos().stream().allMatch(v -> v.getExecutionState() == ExecutionState.RUNNING)) {
                    return details;
                }
            } catch (IllegalStateException e) {
                throw e;
            } catch (Exception notYet) {
                last = notYet.toString();
            }
            Pause.millis(200);
        }
        throw new IllegalStateException("Job " + job + " not running after " + timeout + ": " + last);
    }

    /** Stops the job with a savepoint in {@code directory} (canonical format: readable by a newer build) and returns its path. */
    public String stopWithSavepoint(JobID job, Path directory) throws Exception {
        CompletableFuture<String> path = client.stopWithSavepoint(job, false, directory.toUri().toString(), SavepointFormatType.CANONICAL);
        return path.get(CALL.toSeconds(), TimeUnit.SECONDS);
    }

    /** The job's checkpoint counts and the checkpoint or savepoint it was last restored from, as the web UI shows them. */
    public CheckpointingStatistics checkpoints(JobID job) throws Exception {
        JobMessageParameters params = CheckpointingStatisticsHeaders.getInstance().getUnresolvedMessageParameters();
        params.jobPathParameter.resolve(job);
        return client.sendRequest(CheckpointingStatisticsHeaders.getInstance(), params, EmptyRequestBody.getInstance()).get(10, TimeUnit.SECONDS);
    }

    public RestClusterClient<String> client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        rest.shutdown(Duration.ofSeconds(5));
        taskManagers.forEach(tm -> tm.stop(10));
        jobManager.stop(10);
    }
}
