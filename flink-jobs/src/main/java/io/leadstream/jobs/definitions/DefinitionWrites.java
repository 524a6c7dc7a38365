package io.leadstream.jobs.definitions;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.leadstream.sink.cassandra.CassandraWriteMapper;
import io.leadstream.store.cassandra.table.DefinitionsTable;
import java.util.List;
import java.util.function.Consumer;

/** A definition → its row in {@code definitions}; a deleted one → the row's deletion. */
public final class DefinitionWrites implements CassandraWriteMapper<DefinitionRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public List<String> cqls() {
        return List.of(DefinitionsTable.INSERT, DefinitionsTable.DELETE_BY_KIND_AND_ID);
    }

    @Override
    public void write(List<PreparedStatement> prepared, DefinitionRecord d, Consumer<Statement<?>> out) {
        out.accept(d.json == null ? CassandraWriteMapper.bind(prepared.get(1), d.kind, d.id)
                : CassandraWriteMapper.bind(prepared.get(0), new DefinitionsTable.Row(d.kind, d.id, d.json).values()));
    }
}
