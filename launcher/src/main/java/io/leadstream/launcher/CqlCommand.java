package io.leadstream.launcher;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.common.config.AllOptions;
import io.leadstream.common.config.CassandraOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.store.cassandra.CassandraSessionFactory;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code leadstream cql "SELECT ..."}: run one CQL statement, for looking at data without cqlsh. */
@Command(name = "cql", mixinStandardHelpOptions = true, description = "Run a CQL statement against Cassandra and print the rows.")
final class CqlCommand implements Callable<Integer> {

    @Option(names = "--cassandra", description = "host:port (default: cassandra.contact-points; the local run prints its port).")
    String contactPoints;

    @Option(names = {"-k", "--keyspace"}, description = "Keyspace to use (default: cassandra.keyspace).")
    String keyspace;

    @Parameters(index = "0", description = "The CQL statement.")
    String statement;

    @Override
    public Integer call() {
        LeadStreamConfig config = AllOptions.load(LeadStreamConfig.optionalPath(System.getenv("LEADSTREAM_CONFIG")));
        if (contactPoints != null) {
            config = config.with(CassandraOptions.CONTACT_POINTS, contactPoints);
        }
        String ks = keyspace != null ? keyspace : config.get(CassandraOptions.KEYSPACE);
        try (CqlSession session = CassandraSessionFactory.open(config)) {
            session.execute("USE " + ks);
            ResultSet rows = session.execute(statement);
            int n = 0;
            for (Row row : rows) {
                StringBuilder line = new StringBuilder();
                for (ColumnDefinition column : row.getColumnDefinitions()) {
                    Object value = row.getObject(column.getName());
                    if (value != null) {
                        line.append(line.isEmpty() ? "" : "  ").append(column.getName().asInternal()).append('=').append(value);
                    }
                }
                System.out.println(line);
                n++;
            }
            System.out.println("(" + n + " rows)");
        }
        return 0;
    }
}
