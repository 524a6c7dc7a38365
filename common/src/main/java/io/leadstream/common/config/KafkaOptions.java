package io.leadstream.common.config;

/** Where Kafka is and how our topics are laid out. */
public final class KafkaOptions {
    private KafkaOptions() {}

    public static final ConfigOption<String> BOOTSTRAP_SERVERS = ConfigOption.key("kafka.bootstrap-servers")
            .stringType().defaultValue("localhost:9092")
            .withDescription("Kafka bootstrap servers. The local run points it at the embedded broker.");

    public static final ConfigOption<String> TOPIC_PREFIX = ConfigOption.key("kafka.topic-prefix")
            .stringType().defaultValue("leadstream.")
            .withDescription("Prefix of every LeadStream topic; tests use a unique prefix per test.");

    public static final ConfigOption<Integer> PARTITIONS = ConfigOption.key("kafka.partitions")
            .intType().defaultValue(4)
            .withDescription("Partitions of the topics LeadStream creates itself.");

    public static final ConfigOption<Integer> REPLICATION_FACTOR = ConfigOption.key("kafka.replication-factor")
            .intType().defaultValue(1)
            .withDescription("Replication factor of the topics LeadStream creates (3 in production).");
}
