package io.leadstream.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.time.Duration;
import io.leadstream.common.config.CassandraOptions;
import io.leadstream.common.config.LeadStreamConfig;
import java.net.InetSocketAddress;

/** Builds driver sessions from LeadStream's configuration. */
public final class CassandraSessionFactory {
    private CassandraSessionFactory() {}

    /** A session bound to no keyspace (for DDL). */
    public static CqlSession open(LeadStreamConfig config) {
        CqlSessionBuilder builder = CqlSession.builder()
                .withLocalDatacenter(config.get(CassandraOptions.LOCAL_DATACENTER))
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, config.get(CassandraOptions.REQUEST_TIMEOUT))
                        .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
                        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                        .build());
        for (String hostPort : config.get(CassandraOptions.CONTACT_POINTS).split(",")) {
            String hp = hostPort.trim();
            int colon = hp.lastIndexOf(':');
            String host = colon > 0 ? hp.substring(0, colon) : hp;
            int port = colon > 0 ? Integer.parseInt(hp.substring(colon + 1)) : 9042;
            builder.addContactPoint(new InetSocketAddress(host, port));
        }
        return builder.build();
    }
}
