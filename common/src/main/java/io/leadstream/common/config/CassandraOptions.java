package io.leadstream.common.config;

/** How to reach Cassandra and which keyspace holds LeadStream's tables. */
public final class CassandraOptions {
    private CassandraOptions() {}

    public static final ConfigOption<String> CONTACT_POINTS = ConfigOption.key("cassandra.contact-points")
            .stringType().defaultValue("localhost:9042")
            .withDescription("Comma-separated host:port list of Cassandra nodes.");

    public static final ConfigOption<String> LOCAL_DATACENTER = ConfigOption.key("cassandra.local-datacenter")
            .stringType().defaultValue("datacenter1")
            .withDescription("The driver's local datacenter.");

    public static final ConfigOption<String> KEYSPACE = ConfigOption.key("cassandra.keyspace")
            .stringType().defaultValue("leadstream")
            .withDescription("Keyspace of LeadStream's tables; tests use a unique keyspace per test.");

    public static final ConfigOption<Integer> REPLICATION_FACTOR = ConfigOption.key("cassandra.replication-factor")
            .intType().defaultValue(1)
            .withDescription("SimpleStrategy replication factor used when LeadStream creates its keyspace.");

    public static final ConfigOption<Integer> MAX_IN_FLIGHT = ConfigOption.key("cassandra.sink.max-in-flight")
            .intType().defaultValue(256)
            .withDescription("Asynchronous writes in flight per sink writer before it applies back-pressure.");

    public static final ConfigOption<Integer> BATCH_STATEMENTS = ConfigOption.key("cassandra.sink.batch-statements")
            .intType().defaultValue(32)
            .withDescription("Writes owned by the same replicas that a sink sends as one unlogged batch, at most (and at most 32 KiB);"
                    + " 1: every write alone. On a cluster, raise the server's unlogged_batch_across_partitions_warn_threshold and"
                    + " batch_size_warn_threshold to this, or it logs a warning per batch.");

    public static final ConfigOption<java.time.Duration> SINK_LINGER = ConfigOption.key("cassandra.sink.linger")
            .durationType().defaultValue(java.time.Duration.ofMillis(10))
            .withDescription("How long a sink holds a write to send it with the next ones (as Kafka's linger.ms): one request for"
                    + " many rows, at the price of this much latency. 0: each element's writes at once.");

    public static final ConfigOption<java.time.Duration> REQUEST_TIMEOUT = ConfigOption.key("cassandra.request-timeout")
            .durationType().defaultValue(java.time.Duration.ofSeconds(10))
            .withDescription("Driver request timeout; failed sink writes fail the job, which restarts from its checkpoint.");
}
