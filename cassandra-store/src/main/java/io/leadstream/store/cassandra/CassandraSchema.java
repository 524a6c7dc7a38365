package io.leadstream.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import io.leadstream.common.config.CassandraOptions;
import io.leadstream.common.config.LeadStreamConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates LeadStream's keyspace and tables from {@code leadstream/cql/schema.cql}. Every
 * statement is {@code IF NOT EXISTS}, so applying it at every start is safe.
 */
public final class CassandraSchema {
    static final String RESOURCE = "leadstream/cql/schema.cql";
    private static final Logger LOG = LoggerFactory.getLogger(CassandraSchema.class);

    private CassandraSchema() {}

    public static void apply(LeadStreamConfig config) {
        try (CqlSession session = CassandraSessionFactory.open(config)) {
            apply(session, config.get(CassandraOptions.KEYSPACE), config.get(CassandraOptions.REPLICATION_FACTOR));
        }
    }

    public static void apply(CqlSession session, String keyspace, int replicationFactor) {
        long started = System.nanoTime();
        session.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(
                "CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = "
                        + "{'class': 'SimpleStrategy', 'replication_factor': " + replicationFactor + "}")
                .setTimeout(Duration.ofSeconds(30)));
        for (String statement : statements(keyspace)) {
            session.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(statement)
                    .setTimeout(Duration.ofSeconds(30)));
        }
        LOG.info("Schema applied to keyspace {} in {} ms", keyspace, (System.nanoTime() - started) / 1_000_000);
    }

    /** The schema's statements with {@code {ks}} replaced; comments (--) and blank lines dropped. */
    static List<String> statements(String keyspace) {
        try (InputStream in = CassandraSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + RESOURCE);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines().filter(l -> !l.strip().startsWith("--"))
                    .reduce("", (a, b) -> a + b + "\n");
            return Arrays.stream(text.split(";"))
                    .map(String::strip).filter(s -> !s.isEmpty())
                    .map(s -> s.replace("{ks}", keyspace))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
