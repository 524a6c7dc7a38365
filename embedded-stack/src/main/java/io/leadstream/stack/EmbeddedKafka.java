package io.leadstream.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import io.leadstream.common.kafka.TopicAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft mode (combined broker + controller), run in a child
 * JVM from the {@code kafka_2.13} jars on Maven Central. Ports are fixed once it has started, so
 * {@link #stop()} then {@link #start()} brings the same broker back with its data, which is how
 * tests simulate a broker outage.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String CLASSPATH = "META-INF/leadstream/kafka.classpath";

    /** Start-ups tried on fresh ports before giving up, when no port was configured. */
    private static final int FIRST_START_ATTEMPTS = 3;

    private final Path dir;
    private final boolean portsChosenHere;
    private int port;
    private int controllerPort;
    private boolean everReady;
    private ChildJvm broker;
    private StartupReport report;

    public EmbeddedKafka(Path dir, int port) {
        this.dir = dir;
        this.portsChosenHere = port <= 0;
        this.port = FreePorts.orNext(port);
        this.controllerPort = FreePorts.next();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /**
     * Starts the broker and waits until it accepts requests. A first start on ports picked here is
     * retried on fresh ones: a free port can be taken by another process before the broker binds it.
     */
    public synchronized EmbeddedKafka start() {
        long t0 = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                launch();
                break;
            } catch (IllegalStateException e) {
                if (broker != null) {
                    broker.kill();
                }
                if (everReady || !portsChosenHere || attempt == FIRST_START_ATTEMPTS) {
                    throw e;
                }
                LOG.warn("Kafka did not start (attempt {}), trying fresh ports: {}", attempt, e.getMessage());
                port = FreePorts.next();
                controllerPort = FreePorts.next();
            }
        }
        everReady = true;
        report = new StartupReport("kafka", (System.nanoTime() - t0) / 1_000_000, ProcessMemory.rssBytes(broker.pid()));
        LOG.info("{}", report);
        return this;
    }

    private void launch() {
        try {
            Files.createDirectories(dir);
            Path config = writeServerProperties();
            writeLogConfig();
            if (!Files.exists(dir.resolve("logs").resolve("meta.properties"))) {
                format(config);
            }
            broker = new ChildJvm("kafka", CpuPriority.FRONT.prefix(), jvmArgs(), CLASSPATH, "kafka.Kafka",
                    List.of(config.toString()), dir.resolve("kafka.log")).start();
            awaitReady(Duration.ofSeconds(90));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public StartupReport report() {
        return report;
    }

    public long pid() {
        return broker == null ? -1 : broker.pid();
    }

    /** Graceful shutdown; {@link #start()} restarts it on the same port with the same data. */
    public synchronized void stop() {
        if (broker != null) {
            broker.stop(30);
        }
    }

    /** Crash: SIGKILL without shutdown. */
    public synchronized void kill() {
        if (broker != null) {
            broker.kill();
        }
    }

    public boolean isRunning() {
        return broker != null && broker.isAlive();
    }

    public Properties clientProperties() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return p;
    }

    /** Creates the topics that do not exist yet. */
    public void createTopics(int partitions, Collection<String> names) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, partitions, (short) 1));
        }
        TopicAdmin.createMissing(bootstrapServers(), topics);
    }

    private List<String> jvmArgs() {
        return List.of("-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties").toUri());
    }

    private void format(Path config) throws IOException {
        byte[] id = new byte[16];
        new SecureRandom().nextBytes(id);
        // The storage tool reads an id starting with '-' as an option: prefix-safe by construction.
        String clusterId = "L" + Base64.getUrlEncoder().withoutPadding().encodeToString(id).substring(1);
        ChildJvm tool = new ChildJvm("kafka-format", List.of(), jvmArgs(), CLASSPATH, "kafka.tools.StorageTool",
                List.of("format", "-t", clusterId, "-c", config.toString()), dir.resolve("kafka-format.log"));
        tool.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (tool.isAlive() && System.nanoTime() < deadline) {
            Pause.millis(100);
        }
        if (!Files.exists(dir.resolve("logs").resolve("meta.properties"))) {
            tool.kill();
            throw new IllegalStateException("Kafka storage format failed:\n" + tool.tail(30));
        }
    }

    private Path writeServerProperties() throws IOException {
        Map<String, String> props = new java.util.LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", dir.resolve("logs").toString());
        props.put("num.partitions", "2");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "4");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "true");
        props.put("log.flush.interval.messages", "9223372036854775807");
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        StringBuilder text = new StringBuilder("# generated by LeadStream's EmbeddedKafka\n");
        props.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Path file = dir.resolve("server.properties");
        Files.writeString(file, text);
        return file;
    }

    private void writeLogConfig() throws IOException {
        Files.writeString(dir.resolve("log4j2.properties"), String.join("\n",
                "status = warn",
                "appender.out.type = Console",
                "appender.out.name = OUT",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.out.ref = OUT",
                "logger.kafka.name = kafka",
                "logger.kafka.level = WARN",
                "logger.org.name = org.apache.kafka",
                "logger.org.level = WARN",
                "logger.started.name = kafka.server.KafkaRaftServer",
                "logger.started.level = INFO",
                ""));
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Properties props = clientProperties();
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        Exception last = null;
        try (Admin admin = Admin.create(props)) {
            while (System.nanoTime() < deadline) {
                broker.checkAlive();
                try {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        // A topic round-trip proves the controller has elected itself and accepts writes.
                        Set<String> ignored = admin.listTopics().names().get(3, TimeUnit.SECONDS);
                        return;
                    }
                } catch (Exception e) {
                    last = e;
                }
                Pause.millis(100);
            }
        }
        throw new IllegalStateException("Kafka not ready after " + timeout + ": " + last + "\n" + broker.tail(30));
    }


    @Override
    public void close() {
        stop();
    }
}
