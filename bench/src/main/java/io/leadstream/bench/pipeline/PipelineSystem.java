package io.leadstream.bench.pipeline;

import static io.leadstream.bench.BenchSupport.say;

import io.leadstream.bench.BenchSmtpServer;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.kafka.TopicAdmin;
import io.leadstream.email.LinkOptions;
import io.leadstream.gateway.GatewayMain;
import io.leadstream.gateway.GatewayOptions;
import io.leadstream.jobs.EngineJob;
import io.leadstream.jobs.EngineOptions;
import io.leadstream.launcher.LeadStreamCli;
import io.leadstream.launcher.LocalOptions;
import io.leadstream.stack.ChildJvm;
import io.leadstream.stack.CpuPriority;
import io.leadstream.stack.FreePorts;
import io.leadstream.stack.LeadStreamStack;
import io.leadstream.store.cassandra.CassandraSchema;
import io.leadstream.workers.WorkerOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The whole system on one machine in the distributed deployment's shape: Kafka and Cassandra (child
 * JVMs), the engine on the Flink MiniCluster of this JVM, the gateway as a process of its own
 * ({@code GatewayMain}), N send-worker processes ({@code leadstream workers}) and a recording SMTP
 * server. Every part can be measured apart and killed apart: the engine restored from its latest
 * checkpoint, a worker SIGKILLed, the broker restarted.
 */
final class PipelineSystem implements AutoCloseable {
    static final String TOPIC_PREFIX = "pipe.";
    static final String KEYSPACE = "pipeline";
    private static final Duration READY = Duration.ofSeconds(120);

    record Settings(int workers, int workerThreads, Duration workerLease, Duration checkpointInterval, String stateBackend, int engineParallelism) {
    }

    private final LeadStreamStack stack;
    private final LeadStreamConfig config;
    private final BenchSmtpServer smtp;
    private final Path configFile;
    private final ChildJvm gateway;
    private final List<ChildJvm> workers = new ArrayList<>();
    private final String gatewayUrl;
    private final Path dir;
    private final int workerProcesses;
    private JobID engine;

    private PipelineSystem(LeadStreamStack stack, LeadStreamConfig config, BenchSmtpServer smtp, Path configFile,
                           ChildJvm gateway, String gatewayUrl, Path dir, int workerProcesses) {
        this.dir = dir;
        this.workerProcesses = workerProcesses;
        this.stack = stack;
        this.config = config;
        this.smtp = smtp;
        this.configFile = configFile;
        this.gateway = gateway;
        this.gatewayUrl = gatewayUrl;
    }

    static PipelineSystem start(Path dir, Settings settings) throws Exception {
        return start(dir, settings, c -> c);
    }

    /** {@code more}: options of a benchmark's own on top of the system's (DKIM keys, a frequency cap). */
    static PipelineSystem start(Path dir, Settings settings, java.util.function.UnaryOperator<LeadStreamConfig> more) throws Exception {
        return start(dir, settings, LeadStreamStack.settings()
                // As the local run: the same default (local.flink-managed-memory).
                .flinkManagedMemory(org.apache.flink.configuration.MemorySize.parse(LocalOptions.FLINK_MANAGED_MEMORY.defaultValue())), more);
    }

    /**
     * As {@link #start(Path, Settings)} with no Flink in this JVM: the engine runs elsewhere (a standalone
     * cluster), reading {@link #configFile()}. A parallelism of 0 in {@code settings} leaves it to the submission.
     */
    static PipelineSystem startWithoutEngine(Path dir, Settings settings) throws Exception {
        return start(dir, settings, LeadStreamStack.settings().flinkSlots(0), c -> c);
    }

    private static PipelineSystem start(Path dir, Settings settings, LeadStreamStack.Settings stackSettings,
                                        java.util.function.UnaryOperator<LeadStreamConfig> more) throws Exception {
        LeadStreamStack stack = stackSettings.dataDir(dir.resolve("stack")).smtpPort(FreePorts.next()).start();
        BenchSmtpServer smtp = new BenchSmtpServer();
        try {
            int port = FreePorts.next();
            String url = "http://127.0.0.1:" + port;
            LeadStreamConfig config = stack.config(TOPIC_PREFIX, KEYSPACE)
                    .with(GatewayOptions.PORT, port)
                    .with(LinkOptions.PUBLIC_URL, url)
                    .with(GatewayOptions.API_TOKEN, "pipeline-benchmark-api-token")
                    .with(LinkOptions.TOKEN_SECRET, "pipeline-benchmark-token-secret-0123456789")
                    .with(WorkerOptions.WEBHOOK_SECRET, "pipeline-benchmark-webhook-secret-0123456789")
                    .with(WorkerOptions.SMTP_HOST, "127.0.0.1")
                    .with(WorkerOptions.SMTP_PORT, smtp.port())
                    .with(WorkerOptions.COUNT, settings.workerThreads())
                    .with(WorkerOptions.SESSION_TIMEOUT, settings.workerLease())
                    .with(EngineOptions.CHECKPOINT_DIR, dir.resolve("checkpoints").toUri().toString())
                    .with(EngineOptions.CHECKPOINT_INTERVAL, settings.checkpointInterval())
                    .with(EngineOptions.STATE_BACKEND, settings.stateBackend());
            if (settings.engineParallelism() > 0) {
                config = config.with(EngineOptions.PARALLELISM, settings.engineParallelism());
            }
            config = more.apply(config);
            TopicAdmin.ensureTopics(config);
            CassandraSchema.apply(config);
            Path configFile = write(config, dir.resolve("leadstream.properties"));
            ChildJvm gateway = ChildJvm.ofThisClasspath("gateway", CpuPriority.FRONT, List.of("-Xmx1g", "-XX:+UseG1GC"), GatewayMain.class.getName(),
                    List.of(), Map.of("LEADSTREAM_CONFIG", configFile.toString()), dir.resolve("gateway.log")).start();
            PipelineSystem system = new PipelineSystem(stack, config, smtp, configFile, gateway, url, dir, settings.workers());
            system.awaitGateway();
            return system;
        } catch (Exception | Error e) {
            smtp.close();
            stack.close();
            throw e;
        }
    }

    /**
     * The engine job, then the send-worker processes. Apart from {@link #start}, so that a benchmark
     * can measure its ceilings on the stack before the engine takes its share of the machine.
     */
    PipelineSystem startEngineAndWorkers() {
        submitEngine(config);
        return startWorkers();
    }

    /** The send-worker processes alone (the engine runs elsewhere). */
    PipelineSystem startWorkers() {
        for (int i = 0; i < workerProcesses; i++) {
            workers.add(workerJvm(i).start());
        }
        return this;
    }

    /** The configuration file every process of the system reads ({@code LEADSTREAM_CONFIG}). */
    Path configFile() {
        return configFile;
    }

    private ChildJvm workerJvm(int i) {
        return ChildJvm.ofThisClasspath("workers-" + i, CpuPriority.BACKGROUND, List.of("-Xmx1g", "-XX:+UseG1GC"), LeadStreamCli.class.getName(),
                List.of("workers"), Map.of("LEADSTREAM_CONFIG", configFile.toString()), dir.resolve("workers-" + i + ".log"));
    }

    /** The configuration as a properties file, for the child processes ({@code LEADSTREAM_CONFIG}). */
    private static Path write(LeadStreamConfig config, Path file) throws IOException {
        Properties p = new Properties();
        p.putAll(config.asMap());
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "pipeline benchmark");
        }
        return file;
    }

    private void awaitGateway() throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            gateway.checkAlive();
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/mtc.js")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("gateway not up after " + READY + ":\n" + gateway.tail(40));
    }

    private void submitEngine(LeadStreamConfig engineConfig) {
        StreamExecutionEnvironment env = EngineJob.environment(engineConfig);
        EngineJob.build(env, engineConfig);
        engine = stack.flink().submit(env, EngineJob.NAME);
        stack.flink().awaitRunning(engine, READY);
    }

    /** Cancels the engine job: its state now lives only in the retained checkpoints. */
    void killEngine() {
        stack.flink().cancel(engine);
    }

    /** Submits the engine again from its newest retained checkpoint; returns that checkpoint. */
    Path restoreEngine() throws IOException {
        Path checkpoint = LatestCheckpoint.in(Path.of(URI.create(config.get(EngineOptions.CHECKPOINT_DIR))))
                .orElseThrow(() -> new IllegalStateException("no completed checkpoint to restore from"));
        say("  restoring the engine from %s", checkpoint);
        submitEngine(config.with(EngineOptions.RESTORE_PATH, checkpoint.toUri().toString()));
        return checkpoint;
    }

    ChildJvm worker(int i) {
        return workers.get(i);
    }

    int workerCount() {
        return workers.size();
    }

    LeadStreamStack stack() {
        return stack;
    }

    LeadStreamConfig config() {
        return config;
    }

    BenchSmtpServer smtp() {
        return smtp;
    }

    ChildJvm gateway() {
        return gateway;
    }

    String gatewayUrl() {
        return gatewayUrl;
    }

    int gatewayPort() {
        return config.get(GatewayOptions.PORT);
    }

    @Override
    public void close() {
        for (ChildJvm w : workers) {
            w.stop(10);
        }
        gateway.stop(10);
        try {
            if (engine != null) {
                stack.flink().cancel(engine);
            }
        } catch (RuntimeException alreadyGone) {
            // killed by a fault and not restored
        }
        smtp.close();
        stack.close();
    }
}
