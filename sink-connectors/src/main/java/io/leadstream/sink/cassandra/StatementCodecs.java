package io.leadstream.sink.cassandra;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.ColumnDefinitions;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.type.codec.TypeCodec;
import com.datastax.oss.driver.api.core.type.codec.registry.CodecRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Binds values with each column's codec found once per prepared statement. The driver's
 * {@code bind(Object...)} looks a codec up for every value by its runtime type; for a map or a set
 * that means inspecting generic types and a cache keyed by them, and in the engine's profile it was
 * a fifth of the JVM's CPU, spent at each checkpoint's writes. Keyed by the statement's text (its
 * keyspace written in): a lock-free read on the write path, and bounded by the distinct statements,
 * not by how often a sink prepares them again after a restart.
 */
final class StatementCodecs {
    private static final Map<String, TypeCodec<Object>[]> BY_QUERY = new ConcurrentHashMap<>();

    private StatementCodecs() {}

    /** {@code values} bound in order; a null is written as null, or left unset when {@code unsetNulls}. */
    static BoundStatement bind(PreparedStatement statement, boolean unsetNulls, Object... values) {
        TypeCodec<Object>[] codecs = BY_QUERY.computeIfAbsent(statement.getQuery(), q -> codecs(statement));
        BoundStatementBuilder b = statement.boundStatementBuilder();
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                b = unsetNulls ? b : b.setToNull(i);
            } else if (codecs[i].accepts(v)) {
                b = b.set(i, v, codecs[i]);
            } else { // a Java type other than the column's default one: the registry's search, as bind(Object...) does
                b = b.set(i, v, b.codecRegistry().codecFor(statement.getVariableDefinitions().get(i).getType(), v));
            }
        }
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private static TypeCodec<Object>[] codecs(PreparedStatement statement) {
        ColumnDefinitions variables = statement.getVariableDefinitions();
        CodecRegistry registry = statement.boundStatementBuilder().codecRegistry();
        TypeCodec<Object>[] out = new TypeCodec[variables.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = registry.codecFor(variables.get(i).getType());
        }
        return out;
    }
}
