package io.leadstream.sink.cassandra;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.io.Serializable;
import java.util.List;
import java.util.function.Consumer;

/**
 * How one element becomes writes, possibly to several tables or rows: the CQL statements to
 * prepare (with {@code {ks}} for the keyspace) and the statements to run for an element. Writes
 * must be idempotent: the sink is at-least-once and replays after a failure. A statement may carry
 * its own write timestamp ({@code setQueryTimestamp}) to make "newest by event time wins".
 */
public interface CassandraWriteMapper<T> extends Serializable {

    List<String> cqls();

    /** {@code prepared} is in the order of {@link #cqls()}. */
    void write(List<PreparedStatement> prepared, T element, Consumer<Statement<?>> out);

    /**
     * Binds {@code values}, leaving nulls unset rather than null: an unset column writes no
     * tombstone and keeps what is stored (an event without a timezone must not erase the contact's).
     */
    static BoundStatement bindPresent(PreparedStatement statement, Object... values) {
        return StatementCodecs.bind(statement, true, values);
    }

    /** {@code statement.bind(values)}, with each column's codec found once per statement rather than per value (StatementCodecs). */
    static BoundStatement bind(PreparedStatement statement, Object... values) {
        return StatementCodecs.bind(statement, false, values);
    }
}
