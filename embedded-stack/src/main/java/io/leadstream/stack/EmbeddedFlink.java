package io.leadstream.stack;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Flink MiniCluster per JVM that many jobs share, as on a real cluster: tests and the local
 * run build a job on a {@link StreamExecutionEnvironment} and {@link #submit} its graph here
 * instead of letting every {@code execute()} spin up a cluster of its own.
 */
public final class EmbeddedFlink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedFlink.class);

    private final int slots;
    private final int restPort;
    private final MemorySize managedMemory;
    private MiniCluster cluster;
    private StartupReport report;

    public EmbeddedFlink(int slots, int restPort) {
        this(slots, restPort, MemorySize.parse("256m"));
    }

    /** {@code managedMemory}: what the task manager gives RocksDB (and batch sorting), for all its slots. */
    public EmbeddedFlink(int slots, int restPort, MemorySize managedMemory) {
        this.slots = slots;
        this.restPort = restPort;
        this.managedMemory = managedMemory;
    }

    public synchronized EmbeddedFlink start() {
        long t0 = System.nanoTime();
        long rssBefore = ProcessMemory.selfRssBytes();
        Configuration conf = new Configuration();
        conf.set(RestOptions.PORT, restPort);
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, managedMemory);
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.parse("64m"));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.parse("64m"));
        // REST metrics are fetched when asked for and cached this long (default 10 s): a benchmark that
        // samples consumer lag every second or reads counters right after a window needs them fresh.
        conf.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofSeconds(1));
        MiniClusterConfiguration config = new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .build();
        cluster = new MiniCluster(config);
        try {
            cluster.start();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start Flink MiniCluster", e);
        }
        long grew = ProcessMemory.selfRssBytes() - rssBefore;
        report = new StartupReport("flink", (System.nanoTime() - t0) / 1_000_000, rssBefore < 0 ? -1 : grew);
        LOG.info("{} (in-process; RSS is the growth of this JVM), {} slots", report, slots);
        return this;
    }

    public StartupReport report() {
        return report;
    }

    public String restAddress() {
        try {
            return cluster.getRestAddress().get(10, TimeUnit.SECONDS).toString();
        } catch (Exception e) {
            return "n/a";
        }
    }

    /** Submits the job built on {@code env} and returns without waiting for it to finish. */
    public JobID submit(StreamExecutionEnvironment env, String jobName) {
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(jobName);
        try {
            JobID id = cluster.submitJob(graph.getJobGraph(Thread.currentThread().getContextClassLoader()))
                    .get(60, TimeUnit.SECONDS).getJobID();
            LOG.info("Submitted job '{}' as {}", jobName, id);
            return id;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot submit job " + jobName, e);
        }
    }

    public JobStatus status(JobID job) {
        try {
            return cluster.getJobStatus(job).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot get status of " + job, e);
        }
    }

    /** Waits until every task of the job runs (sources are consuming), or fails. */
    public void awaitRunning(JobID job, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JobStatus status = status(job);
            if (status == JobStatus.RUNNING && allTasksRunning(job)) {
                return;
            }
            if (status.isTerminalState()) {
                throw new IllegalStateException("Job " + job + " ended as " + status + ": " + failureCause(job));
            }
            Pause.millis(50);
        }
        throw new IllegalStateException("Job " + job + " not running after " + timeout);
    }

    /**
     * The job is RUNNING before all its tasks are: a checkpoint triggered in between fails ("not being
     * executed at the moment"), and the bigger the job, the longer that lasts on a busy machine.
     */
    private boolean allTasksRunning(JobID job) {
        try {
            AccessExecutionGraph graph = cluster.getExecutionGraph(job).get(10, TimeUnit.SECONDS);
            for (AccessExecutionVertex vertex : graph.getAllExecutionVertices()) {
                ExecutionState state = vertex.getExecutionState();
                if (state != ExecutionState.RUNNING && state != ExecutionState.FINISHED) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private String failureCause(JobID job) {
        try {
            return cluster.requestJobResult(job).get(10, TimeUnit.SECONDS).getSerializedThrowable()
                    .map(t -> t.getFullStringifiedStackTrace()).orElse("no failure");
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** Takes a checkpoint of the running job now and returns where it is stored (needs file checkpoint storage). */
    public String checkpoint(JobID job) {
        try {
            return cluster.triggerCheckpoint(job).get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Checkpoint of " + job + " failed", e);
        }
    }

    public void cancel(JobID job) {
        try {
            cluster.cancelJob(job).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Cancel of {} failed: {}", job, e.toString());
        }
    }

    public MiniCluster miniCluster() {
        return cluster;
    }


    @Override
    public synchronized void close() {
        if (cluster != null) {
            try {
                cluster.closeAsync().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("MiniCluster close failed: {}", e.toString());
            }
            cluster = null;
        }
    }
}
