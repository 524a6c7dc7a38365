package io.leadstream.common.config;

/** Options of the one-machine run ({@code bin/leadstream local}). */
public final class LocalOptions {
    private LocalOptions() {}

    public static final ConfigOption<String> DATA_DIR = ConfigOption.key("local.data-dir")
            .stringType().defaultValue("")
            .withDescription("Where the embedded Kafka and Cassandra keep data; empty uses a temp dir deleted at exit.");

    public static final ConfigOption<Integer> SMTP_PORT = ConfigOption.key("local.smtp-port")
            .intType().defaultValue(0)
            .withDescription("Port of the local SMTP server that receives mail (0 picks a free port).");
}
