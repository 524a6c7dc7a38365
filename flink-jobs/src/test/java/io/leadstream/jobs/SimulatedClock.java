package io.leadstream.jobs;

import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.kafka.TopicAdmin;
import io.leadstream.stack.TestNamespace;
import io.leadstream.store.cassandra.CassandraSchema;
import java.time.Duration;

/**
 * The engine's configuration for tests under a simulated clock: event times in the past, and only
 * the events move the watermark (tail events on every partition play the clock). Parallelism 2 over
 * {@link #PARTITIONS} partitions, a checkpoint a second; topics and keyspace made.
 */
public final class SimulatedClock {
    public static final int PARTITIONS = 2;

    private SimulatedClock() {}

    public static LeadStreamConfig prepare(TestNamespace ns) {
        LeadStreamConfig config = ns.config()
                .with(KafkaOptions.PARTITIONS, PARTITIONS)
                .with(EngineOptions.PARALLELISM, 2)
                .with(EngineOptions.CHECKPOINT_INTERVAL, Duration.ofSeconds(1))
                .with(EngineOptions.WATERMARK_FOLLOWS_CLOCK, false)
                .with(EngineOptions.IDLE_TIMEOUT, Duration.ofMinutes(5));
        TopicAdmin.ensureTopics(config);
        CassandraSchema.apply(config);
        return config;
    }
}
