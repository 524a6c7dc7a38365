package io.leadstream.stack;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Cassandra 5.0 ({@code cassandra-all} from Maven Central) in a child JVM
 * with a generated {@code cassandra.yaml}: one token, free ports, data under {@code dir}.
 * A child JVM because in-process Cassandra installs a SecurityManager and cannot restart.
 */
public final class EmbeddedCassandra implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCassandra.class);
    private static final String CLASSPATH = "META-INF/leadstream/cassandra.classpath";
    public static final String DATACENTER = "datacenter1";

    /** Cassandra's own conf/jvm17-server.options (JPMS), without the GC tuning meant for big servers. */
    private static final List<String> JDK17_FLAGS = List.of(
            "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports=java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports=java.sql/java.sql=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.module=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.loader=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.reflect=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.math=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.util.jar=ALL-UNNAMED",
            "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.math=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED");

    private final Path dir;
    private final int nativePort;
    private final int storagePort;
    private ChildJvm node;
    private StartupReport report;

    public EmbeddedCassandra(Path dir, int nativePort) {
        this.dir = dir;
        this.nativePort = FreePorts.orNext(nativePort);
        this.storagePort = FreePorts.next();
    }

    public String contactPoint() {
        return "127.0.0.1:" + nativePort;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", nativePort);
    }

    public synchronized EmbeddedCassandra start() {
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(dir);
            Path yaml = writeYaml();
            Path logback = writeLogback();
            List<String> jvm = new ArrayList<>(List.of(
                    "-Xms1g", "-Xmx1g", "-Xss512k", "-XX:+UseG1GC", "-XX:+HeapDumpOnOutOfMemoryError",
                    "-Djava.net.preferIPv4Stack=true",
                    "-javaagent:" + ChildJvm.jarOnClasspath(CLASSPATH, "jamm-"),
                    "-Dcassandra.config=" + yaml.toUri(),
                    "-Dcassandra.storagedir=" + dir,
                    "-Dcassandra.logdir=" + dir,
                    "-Dlogback.configurationFile=" + logback.toUri(),
                    "-Dcassandra-foreground=yes",
                    "-Dcassandra.skip_wait_for_gossip_to_settle=0",
                    "-Dcassandra.ring_delay_ms=100",
                    "-Dcassandra.superuser_setup_delay_ms=0",
                    // Schema changes written without fsync: each test creates a keyspace of 16
                    // tables, ~2 s each otherwise. A killed node loses nothing (the OS has the
                    // pages); only a machine crash could.
                    "-Dcassandra.unsafesystem=true",
                    "-Djdk.attach.allowAttachSelf=true"));
            jvm.addAll(JDK17_FLAGS);
            node = new ChildJvm("cassandra", prefix(), jvm, CLASSPATH,
                    "org.apache.cassandra.service.CassandraDaemon", List.of(), dir.resolve("cassandra.log")).start();
            awaitCql(Duration.ofSeconds(120));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        report = new StartupReport("cassandra", (System.nanoTime() - t0) / 1_000_000, ProcessMemory.rssBytes(node.pid()));
        LOG.info("{}", report);
        return this;
    }

    /** Behind the visitors' answer path ({@link CpuPriority}), and without the privilege to lock its heap. */
    private static List<String> prefix() {
        List<String> prefix = new ArrayList<>(CpuPriority.BACKGROUND.prefix());
        prefix.addAll(privilegePrefix());
        return prefix;
    }

    /**
     * As root, Cassandra calls mlockall and pins its whole heap in RAM. Dropping CAP_IPC_LOCK
     * (when util-linux's setpriv exists) keeps it an ordinary, swappable process.
     */
    private static List<String> privilegePrefix() {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path setpriv = Path.of("/usr/bin/setpriv");
        if (root && Files.isExecutable(setpriv)) {
            return List.of(setpriv.toString(), "--bounding-set=-ipc_lock", "--inh-caps=-ipc_lock");
        }
        return List.of();
    }

    public StartupReport report() {
        return report;
    }

    public long pid() {
        return node == null ? -1 : node.pid();
    }

    /** A session with generous timeouts: DDL on a busy 2-core machine can take seconds. */
    public CqlSession newSession() {
        return CqlSession.builder().addContactPoint(address()).withLocalDatacenter(DATACENTER)
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
                        .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
                        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                        .build())
                .build();
    }

    /** Creates a keyspace with replication factor 1 if it does not exist. */
    public void createKeyspace(String keyspace) {
        try (CqlSession session = newSession()) {
            session.execute("CREATE KEYSPACE IF NOT EXISTS " + keyspace
                    + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        }
    }

    public synchronized void stop() {
        if (node != null) {
            node.stop(30);
        }
    }

    public synchronized void kill() {
        if (node != null) {
            node.kill();
        }
    }

    private void awaitCql(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            node.checkAlive();
            if (portOpen()) {
                try (CqlSession session = newSession()) {
                    session.execute("SELECT release_version FROM system.local");
                    return;
                } catch (RuntimeException e) {
                    LOG.debug("CQL not ready yet: {}", e.getMessage());
                }
            }
            Pause.millis(200);
        }
        throw new IllegalStateException("Cassandra CQL not ready after " + timeout + "\n" + node.tail(40));
    }

    private boolean portOpen() {
        try (Socket s = new Socket()) {
            s.connect(address(), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Path writeYaml() throws IOException {
        String d = dir.toAbsolutePath().toString();
        String yaml = String.join("\n",
                "# generated by LeadStream's EmbeddedCassandra",
                "cluster_name: leadstream-local",
                "num_tokens: 1",
                "partitioner: org.apache.cassandra.dht.Murmur3Partitioner",
                "data_file_directories: ['" + d + "/data']",
                "commitlog_directory: '" + d + "/commitlog'",
                "saved_caches_directory: '" + d + "/saved_caches'",
                "hints_directory: '" + d + "/hints'",
                "cdc_raw_directory: '" + d + "/cdc_raw'",
                "commitlog_sync: periodic",
                "commitlog_sync_period: 10000ms",
                "seed_provider:",
                "  - class_name: org.apache.cassandra.locator.SimpleSeedProvider",
                "    parameters:",
                "      - seeds: '127.0.0.1:" + storagePort + "'",
                "listen_address: 127.0.0.1",
                "rpc_address: 127.0.0.1",
                "storage_port: " + storagePort,
                "native_transport_port: " + nativePort,
                "start_native_transport: true",
                "endpoint_snitch: SimpleSnitch",
                "disk_failure_policy: stop",
                "commit_failure_policy: stop",
                "auto_snapshot: false",
                "snapshot_on_duplicate_row_detection: false",
                // Paxos v2 (Cassandra 4.1+): half the round trips per lightweight transaction; the send workers claim with them.
                "paxos_variant: v2",
                "concurrent_compactors: 1",
                // The sinks send writes owned by the same replicas as one unlogged batch (up to 32 KiB,
                // cassandra.sink.batch-statements): the defaults (5 KiB, 10 partitions) would log each.
                "batch_size_warn_threshold: 64KiB",
                "unlogged_batch_across_partitions_warn_threshold: 64",
                // Memtables off the heap and larger: fewer flushes, so fewer small SSTables to compact, and less GC.
                "memtable_allocation_type: offheap_objects",
                "memtable_heap_space: 128MiB",
                "memtable_offheap_space: 512MiB",
                "compaction_throughput: 0MiB/s",
                // Cassandra 5's trie memtables: fewer objects and comparisons per write than the skip list's.
                "memtable:",
                "  configurations:",
                "    skiplist:",
                "      class_name: SkipListMemtable",
                "    trie:",
                "      class_name: TrieMemtable",
                "    default:",
                "      inherits: trie",
                "authenticator: AllowAllAuthenticator",
                "authorizer: AllowAllAuthorizer",
                "");
        Path file = dir.resolve("cassandra.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private Path writeLogback() throws IOException {
        Path file = dir.resolve("logback-cassandra.xml");
        Files.writeString(file, """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d %-5level [%thread] %logger{20} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                  <logger name="org.apache.cassandra.service.CassandraDaemon" level="INFO"/>
                  <logger name="org.apache.cassandra.transport.Server" level="INFO"/>
                </configuration>
                """);
        return file;
    }


    @Override
    public void close() {
        stop();
    }
}
