package io.leadstream.sink.cassandra;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.io.Serializable;

/**
 * How one element becomes one write: the CQL to prepare (with {@code {ks}} for the keyspace)
 * and how to bind an element to it. Writes must be idempotent upserts: the sink is
 * at-least-once and replays after a failure.
 */
public interface CassandraRowMapper<T> extends CassandraWriteMapper<T> {

    String cql();

    BoundStatement bind(PreparedStatement statement, T element);

    @Override
    default java.util.List<String> cqls() {
        return java.util.List.of(cql());
    }

    @Override
    default void write(java.util.List<PreparedStatement> prepared, T element,
                       java.util.function.Consumer<com.datastax.oss.driver.api.core.cql.Statement<?>> out) {
        out.accept(bind(prepared.get(0), element));
    }
}
