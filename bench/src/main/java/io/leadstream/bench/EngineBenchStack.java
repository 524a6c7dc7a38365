package io.leadstream.bench;

import static io.leadstream.bench.BenchSupport.say;

import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.kafka.TopicAdmin;
import io.leadstream.jobs.EngineJob;
import io.leadstream.jobs.EngineOptions;
import io.leadstream.stack.EmbeddedFlink;
import io.leadstream.stack.EmbeddedKafka;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * What the engine benchmarks run on: a broker (child JVM) and a Flink MiniCluster in this JVM,
 * in a scratch directory removed at the end, and the engine's configuration for them.
 */
public final class EngineBenchStack implements AutoCloseable {
    private final Path dir;
    private final EmbeddedFlink flink;
    private EmbeddedKafka kafka;

    private EngineBenchStack(Path dir, int parallelism) {
        this.dir = dir;
        // Managed memory is RocksDB's cache and write buffers: a task manager holding a million contacts has more than the tests' 256 MB.
        this.flink = new EmbeddedFlink(Math.max(4, parallelism * 2), 0, MemorySize.parse("1g"));
    }

    public static EngineBenchStack start(String name, int parallelism) throws Exception {
        EngineBenchStack stack = new EngineBenchStack(Files.createTempDirectory("leadstream-" + name + "-bench"), parallelism);
        try {
            say("Starting embedded Kafka and a Flink MiniCluster in %s ...", stack.dir);
            stack.kafka = BenchSupport.startKafka(stack.dir);
            stack.flink.start();
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    public String bootstrap() {
        return kafka.bootstrapServers();
    }

    /**
     * The engine's configuration on this stack, topics created: synthetic, past event times, so
     * watermarks follow the data only (windows and timers move with it, not with the clock).
     */
    public LeadStreamConfig config(EngineBenchOptions options) {
        LeadStreamConfig config = LeadStreamConfig.empty()
                .with(KafkaOptions.BOOTSTRAP_SERVERS, bootstrap())
                .with(KafkaOptions.TOPIC_PREFIX, "bench.")
                .with(KafkaOptions.PARTITIONS, options.partitions)
                .with(EngineOptions.PARALLELISM, options.parallelism)
                .with(EngineOptions.WATERMARK_FOLLOWS_CLOCK, false)
                .with(EngineOptions.CHECKPOINT_DIR, dir.resolve("checkpoints").toUri().toString())
                .withAll(LeadStreamConfig.fromMap(options.overrides));
        TopicAdmin.ensureTopics(config);
        return config;
    }

    /** Submits a job built by {@code topology} with the engine's environment, running when this returns. */
    public JobID submit(LeadStreamConfig config, String name, Consumer<StreamExecutionEnvironment> topology) {
        StreamExecutionEnvironment env = EngineJob.environment(config);
        topology.accept(env);
        JobID job = flink.submit(env, name);
        flink.awaitRunning(job, Duration.ofSeconds(60));
        return job;
    }

    /**
     * Bytes of the job's state at a checkpoint taken now: its whole checkpoint directory, since an
     * incremental (RocksDB) checkpoint's own folder holds only what changed, and the files it
     * shares with earlier ones sit beside it (only the latest checkpoint is retained).
     */
    public long checkpointBytes(JobID job) throws Exception {
        return BenchSupport.sizeOf(Path.of(URI.create(flink.checkpoint(job))).getParent());
    }

    /** The job's latest completed checkpoint: state size, what it wrote itself (incremental) and how long it took. */
    public CheckpointFigures latestCheckpoint(JobID job) throws Exception {
        var stats = flink.miniCluster().getExecutionGraph(job).get().getCheckpointStatsSnapshot().getHistory().getLatestCompletedCheckpoint();
        return stats == null ? null : new CheckpointFigures(stats.getStateSize(), stats.getCheckpointedSize(), stats.getEndToEndDuration());
    }

    /** A counter of one operator of the job, summed over its subtasks (through the REST API's metric fetcher). */
    public long operatorCounter(JobID job, String operator, String counter) throws Exception {
        return OperatorMetrics.sum(flink.restAddress(), job, operator, counter);
    }

    public void cancel(JobID job) {
        flink.cancel(job);
    }

    @Override
    public void close() {
        try {
            flink.close();
        } finally {
            if (kafka != null) {
                kafka.stop();
            }
            BenchSupport.deleteRecursively(dir);
        }
    }
}
