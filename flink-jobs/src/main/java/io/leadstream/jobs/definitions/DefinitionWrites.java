package io.leadstream.jobs.definitions;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.leadstream.sink.cassandra.CassandraWriteMapper;
import java.util.List;
import java.util.function.Consumer;

/** A definition → its row in {@code definitions}; a deleted one → the row's deletion. */
public final class DefinitionWrites implements CassandraWriteMapper<DefinitionRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public List<String> cqls() {
        return List.of(
                "INSERT INTO {ks}.definitions (kind, id, document) VALUES (?, ?, ?)",
                "DELETE FROM {ks}.definitions WHERE kind = ? AND id = ?");
    }

    @Override
    public void write(List<PreparedStatement> prepared, DefinitionRecord d, Consumer<Statement<?>> out) {
        out.accept(d.json == null ? CassandraWriteMapper.bind(prepared.get(1), d.kind, d.id) : CassandraWriteMapper.bind(prepared.get(0), d.kind, d.id, d.json));
    }
}
