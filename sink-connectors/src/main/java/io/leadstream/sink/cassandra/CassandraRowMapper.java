package io.leadstream.sink.cassandra;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.util.List;
import java.util.function.Consumer;

/**
 * How one element becomes one write: the CQL to prepare (with {@code {ks}} for the keyspace)
 * and how to bind an element to it. Writes must be idempotent upserts: the sink is
 * at-least-once and replays after a failure.
 */
public interface CassandraRowMapper<T> extends CassandraWriteMapper<T> {

    String cql();

    BoundStatement bind(PreparedStatement statement, T element);

    @Override
    default List<String> cqls() {
        return List.of(cql());
    }

    @Override
    default void write(List<PreparedStatement> prepared, T element,
                       Consumer<Statement<?>> out) {
        out.accept(bind(prepared.get(0), element));
    }
}
