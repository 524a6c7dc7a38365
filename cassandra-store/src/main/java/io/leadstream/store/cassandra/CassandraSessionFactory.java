package io.leadstream.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import java.time.Duration;
import io.leadstream.common.config.CassandraOptions;
import io.leadstream.common.config.LeadStreamConfig;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;

/** Builds driver sessions from LeadStream's configuration. */
public final class CassandraSessionFactory {
    private CassandraSessionFactory() {}

    /** A session bound to no keyspace (for DDL). Blocks until connected. */
    public static CqlSession open(LeadStreamConfig config) {
        return builder(config).build();
    }

    /**
     * The same session, connected without blocking the caller: the stage completes on a driver
     * thread, and fails (e.g. {@code AllNodesFailedException}) when no contact point answers.
     */
    public static CompletionStage<CqlSession> openAsync(LeadStreamConfig config) {
        return builder(config).buildAsync();
    }

    /** Whether the driver sees a node up (it reconnects by itself; this says whether it has): for readiness probes. */
    public static boolean anyNodeUp(CqlSession session) {
        return session.getMetadata().getNodes().values().stream().anyMatch(n -> n.getState() == NodeState.UP);
    }

    private static CqlSessionBuilder builder(LeadStreamConfig config) {
        CqlSessionBuilder builder = CqlSession.builder()
                .withLocalDatacenter(config.get(CassandraOptions.LOCAL_DATACENTER))
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, config.get(CassandraOptions.REQUEST_TIMEOUT))
                        .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
                        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                        // One session serves every sink writer of a JVM (each with its own in-flight bound):
                        // the protocol's full 32K streams per connection, not the driver's default 1024.
                        .withInt(DefaultDriverOption.CONNECTION_MAX_REQUESTS, 32768)
                        .withInt(DefaultDriverOption.CONNECTION_POOL_LOCAL_SIZE, 2)
                        // Protocol v4, not v5: v5 wraps frames in checksummed segments, and the driver's decoding of
                        // them failed about once a minute at 1,000 events/s (an IndexOutOfBoundsException that closes
                        // the connection with every request on it). v4 has no segments, and no checksums to compute.
                        .withString(DefaultDriverOption.PROTOCOL_VERSION, "V4")
                        // Each DDL waits for the metadata refresh, which waits out this window
                        // (1 s by default): the schema's 16 statements took 17 s.
                        .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(20))
                        .build());
        for (String hostPort : config.get(CassandraOptions.CONTACT_POINTS).split(",")) {
            String hp = hostPort.trim();
            int colon = hp.lastIndexOf(':');
            String host = colon > 0 ? hp.substring(0, colon) : hp;
            int port = colon > 0 ? Integer.parseInt(hp.substring(colon + 1)) : 9042;
            builder.addContactPoint(new InetSocketAddress(host, port));
        }
        return builder;
    }
}
