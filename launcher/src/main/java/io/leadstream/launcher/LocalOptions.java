package io.leadstream.launcher;

import io.leadstream.common.config.ConfigOption;
import io.leadstream.common.config.ModuleOptions;

/** Options of the one-machine run ({@code bin/leadstream local}). */
public final class LocalOptions {
    private LocalOptions() {}

    /** Makes these options known to {@code AllOptions} wherever the launcher is on the classpath. */
    public static final class Module implements ModuleOptions {
        @Override
        public Class<?> holder() {
            return LocalOptions.class;
        }
    }

    public static final ConfigOption<String> DATA_DIR = ConfigOption.key("local.data-dir")
            .stringType().defaultValue("")
            .withDescription("Where the embedded Kafka and Cassandra keep data; empty uses a temp dir deleted at exit.");

    public static final ConfigOption<Integer> SMTP_PORT = ConfigOption.key("local.smtp-port")
            .intType().defaultValue(0)
            .withDescription("Port of the local SMTP server that receives mail (0 picks a free port).");

    public static final ConfigOption<String> FLINK_MANAGED_MEMORY = ConfigOption.key("local.flink-managed-memory")
            .stringType().defaultValue("1g")
            .withDescription("Memory the embedded Flink gives RocksDB, for all its slots (Flink's size syntax: 512m, 1g). With little, "
                    + "RocksDB's write buffers are small: it flushes often, compacts again and again and stalls the engine's writes.");
}
