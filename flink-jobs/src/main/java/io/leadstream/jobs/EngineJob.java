package io.leadstream.jobs;

import io.leadstream.common.config.AllOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.jobs.io.CassandraEngineSinks;
import io.leadstream.jobs.io.KafkaEngineSources;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The LeadStream engine as a Flink job: {@code flink run} / application mode entry point.
 * Thin on purpose: configuration in, {@link EngineTopology} does the wiring; topics and tables are
 * {@code leadstream setup}'s.
 */
public final class EngineJob {
    public static final String NAME = "leadstream-engine";

    private EngineJob() {}

    public static void main(String[] args) throws Exception {
        LeadStreamConfig config = AllOptions.load(LeadStreamConfig.optionalPath(System.getenv("LEADSTREAM_CONFIG")));
        // Topics and tables come from `leadstream setup`, run before: this main also runs wherever a cluster builds the job graph.
        // On a cluster the submission decides the parallelism (flink run -p, the REST run's, parallelism.default): how an
        // operator rescales the job from a savepoint. engine.parallelism, when set, still wins.
        StreamExecutionEnvironment env = environment(config, config.contains(EngineOptions.PARALLELISM));
        build(env, config);
        env.execute(NAME);
    }

    /** Wires the production sources and sinks onto {@code env}. */
    public static void build(StreamExecutionEnvironment env, LeadStreamConfig config) {
        EngineTopology.build(env, config, new KafkaEngineSources(config), new CassandraEngineSinks(config));
    }

    /** An environment with the engine's parallelism and checkpointing settings. */
    public static StreamExecutionEnvironment environment(LeadStreamConfig config) {
        return environment(config, true);
    }

    private static StreamExecutionEnvironment environment(LeadStreamConfig config, boolean engineParallelism) {
        Configuration conf = new Configuration();
        String dir = config.get(EngineOptions.CHECKPOINT_DIR);
        if (!dir.isBlank()) {
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir);
            // A cancelled or crashed job can then resume from its last checkpoint (engine.restore-path).
            conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        }
        String backend = config.get(EngineOptions.STATE_BACKEND);
        if (!backend.equals("hashmap") && !backend.equals("rocksdb")) {
            throw new IllegalArgumentException(EngineOptions.STATE_BACKEND.key() + ": 'hashmap' or 'rocksdb', not '" + backend + "'");
        }
        conf.set(StateBackendOptions.STATE_BACKEND, backend);
        // A contact's first event looks up a key that is not there yet: bloom filters answer that without reading files.
        conf.set(RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
        // Incremental: a checkpoint writes the files RocksDB wrote since the last one (hashmap ignores it).
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        String restore = config.get(EngineOptions.RESTORE_PATH);
        if (!restore.isBlank()) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restore);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        if (engineParallelism) {
            env.setParallelism(config.get(EngineOptions.PARALLELISM));
        }
        env.enableCheckpointing(config.get(EngineOptions.CHECKPOINT_INTERVAL).toMillis(), CheckpointingMode.EXACTLY_ONCE);
        env.getConfig().setAutoWatermarkInterval(config.get(EngineOptions.WATERMARK_INTERVAL).toMillis());
        // Records go on to several chained operators (a contact event to its sinks and the contact processor) without
        // a deep copy each: no operator changes a record after emitting it, nor one it received.
        env.getConfig().enableObjectReuse();
        env.setBufferTimeout(config.get(EngineOptions.BUFFER_TIMEOUT).toMillis());
        return env;
    }
}
