package io.leadstream.common.config;

import java.time.Duration;

/** The ingest gateway's HTTP side. */
public final class GatewayOptions {
    private GatewayOptions() {}

    public static final ConfigOption<String> HOST = ConfigOption.key("gateway.host")
            .stringType().defaultValue("0.0.0.0")
            .withDescription("Address the gateway binds to.");

    public static final ConfigOption<Integer> PORT = ConfigOption.key("gateway.port")
            .intType().defaultValue(8080)
            .withDescription("HTTP port of the gateway (0 picks a free port).");

    public static final ConfigOption<String> PUBLIC_URL = ConfigOption.key("gateway.public-url")
            .stringType().defaultValue("")
            .withDescription("Public base URL used in links and printed at start; empty derives it from host and port.");

    public static final ConfigOption<String> API_TOKEN = ConfigOption.key("api.token")
            .stringType().noDefaultValue()
            .withDescription("Bearer token for /api/v1. The local run generates one when unset.");

    public static final ConfigOption<Duration> KAFKA_ACK_TIMEOUT = ConfigOption.key("gateway.kafka-ack-timeout")
            .durationType().defaultValue(Duration.ofSeconds(5))
            .withDescription("How long a request waits for Kafka's ack before the gateway answers 503.");

    public static final ConfigOption<Integer> MAX_IN_FLIGHT = ConfigOption.key("gateway.max-in-flight")
            .intType().defaultValue(20_000)
            .withDescription("Requests awaiting a Kafka ack; beyond this the gateway answers 503 at once.");
}
