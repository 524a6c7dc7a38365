package io.leadstream.common.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Options as the engine and gateway modules declare them (they live there, not on common's classpath):
 * the tests of the mechanism read the keys a user writes.
 */
final class SampleOptions {
    private SampleOptions() {}

    public static final ConfigOption<Integer> PARALLELISM = ConfigOption.key("engine.parallelism").intType().defaultValue(2)
            .withDescription("Default operator parallelism.");
    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL = ConfigOption.key("engine.checkpoint-interval")
            .durationType().defaultValue(Duration.ofSeconds(10)).withDescription("Checkpoint interval.");
    public static final ConfigOption<Integer> PORT = ConfigOption.key("gateway.port").intType().defaultValue(8080)
            .withDescription("HTTP port.");
    public static final ConfigOption<Duration> KAFKA_ACK_TIMEOUT = ConfigOption.key("gateway.kafka-ack-timeout")
            .durationType().defaultValue(Duration.ofSeconds(5)).withDescription("How long a hit waits for Kafka.");
    public static final ConfigOption<String> API_TOKEN = ConfigOption.key("api.token").stringType().noDefaultValue()
            .withDescription("Bearer token of the API.");

    /** These and common's own. */
    static List<ConfigOption<?>> all() {
        List<ConfigOption<?>> all = new ArrayList<>(AllOptions.list());
        all.addAll(AllOptions.of(SampleOptions.class));
        return all;
    }
}
