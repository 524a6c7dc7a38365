package io.leadstream.stack;


import io.leadstream.common.config.CassandraOptions;
import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.apache.flink.configuration.MemorySize;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole embedded stack on one machine: Kafka and Cassandra as child JVMs, a Flink
 * MiniCluster and an SMTP server in this JVM. Kafka and Cassandra start in parallel.
 * The local run and every integration test use this same class.
 */
public final class LeadStreamStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeadStreamStack.class);

    private final Path dataDir;
    private final boolean deleteOnClose;
    private final EmbeddedKafka kafka;
    private final EmbeddedCassandra cassandra;
    private final EmbeddedFlink flink;
    private final boolean startFlink;
    private final EmbeddedSmtp smtp;

    private LeadStreamStack(Settings settings) {
        try {
            this.deleteOnClose = settings.dataDir == null;
            this.dataDir = settings.dataDir != null ? Files.createDirectories(settings.dataDir)
                    : Files.createTempDirectory("leadstream-stack-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.kafka = new EmbeddedKafka(dataDir.resolve("kafka"), settings.kafkaPort);
        this.cassandra = new EmbeddedCassandra(dataDir.resolve("cassandra"), settings.cassandraPort);
        this.flink = new EmbeddedFlink(Math.max(1, settings.flinkSlots), settings.flinkRestPort, settings.flinkManagedMemory);
        this.startFlink = settings.flinkSlots > 0;
        this.smtp = new EmbeddedSmtp(settings.smtpPort);
    }

    public static Settings settings() {
        return new Settings();
    }

    private LeadStreamStack startAll() {
        CompletableFuture<EmbeddedKafka> k = CompletableFuture.supplyAsync(kafka::start);
        CompletableFuture<EmbeddedCassandra> c = CompletableFuture.supplyAsync(cassandra::start);
        try {
            smtp.start();
            if (startFlink) {
                flink.start();
            }
            k.join();
            c.join();
        } catch (CompletionException e) {
            close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("Embedded stack up in {}:\n  {}", dataDir, String.join("\n  ",
                reports().stream().map(StartupReport::toString).toList()));
        return this;
    }

    public List<StartupReport> reports() {
        return Stream.of(kafka.report(), cassandra.report(), flink.report(), smtp.report()).filter(Objects::nonNull).toList();
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public EmbeddedCassandra cassandra() {
        return cassandra;
    }

    public EmbeddedFlink flink() {
        return flink;
    }

    public EmbeddedSmtp smtp() {
        return smtp;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Configuration pointing at this stack, for the given topic prefix and keyspace. */
    public LeadStreamConfig config(String topicPrefix, String keyspace) {
        return LeadStreamConfig.empty()
                .with(KafkaOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers())
                .with(KafkaOptions.TOPIC_PREFIX, topicPrefix)
                .with(CassandraOptions.CONTACT_POINTS, cassandra.contactPoint())
                .with(CassandraOptions.LOCAL_DATACENTER, EmbeddedCassandra.DATACENTER)
                .with(CassandraOptions.KEYSPACE, keyspace);
    }

    @Override
    public void close() {
        closeQuietly(smtp);
        closeQuietly(flink);
        closeQuietly(kafka);
        closeQuietly(cassandra);
        if (deleteOnClose) {
            deleteRecursively(dataDir);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("Error closing {}: {}", c.getClass().getSimpleName(), e.toString());
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", dir, e.toString());
        }
    }

    /** Ports (0 = free port) and where data lives (null = temp dir deleted on close). */
    public static final class Settings {
        private Path dataDir;
        private int kafkaPort;
        private int cassandraPort;
        private int smtpPort;
        private int flinkRestPort;
        private int flinkSlots = 8;
        private MemorySize flinkManagedMemory = MemorySize.parse("256m");

        public Settings dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        public Settings kafkaPort(int port) {
            this.kafkaPort = port;
            return this;
        }

        public Settings cassandraPort(int port) {
            this.cassandraPort = port;
            return this;
        }

        public Settings smtpPort(int port) {
            this.smtpPort = port;
            return this;
        }

        public Settings flinkRestPort(int port) {
            this.flinkRestPort = port;
            return this;
        }

        /** Task slots of the embedded Flink; 0 starts no Flink (what needs only Kafka, Cassandra and SMTP). */
        public Settings flinkSlots(int slots) {
            this.flinkSlots = slots;
            return this;
        }

        /**
         * What the embedded Flink gives RocksDB, for all its slots (256m: enough for tests, which run
         * many small jobs side by side). A long-running engine wants more: with little, RocksDB's
         * write buffers are small, it flushes often and compacts what it flushed again and again.
         */
        public Settings flinkManagedMemory(MemorySize size) {
            this.flinkManagedMemory = size;
            return this;
        }

        public LeadStreamStack start() {
            return new LeadStreamStack(this).startAll();
        }
    }
}
