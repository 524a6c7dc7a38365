package io.leadstream.sink.cassandra;

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
}
