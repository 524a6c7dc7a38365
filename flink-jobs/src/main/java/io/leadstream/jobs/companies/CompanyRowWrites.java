package io.leadstream.jobs.companies;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.leadstream.schemas.engine.CompanyChange;
import io.leadstream.sink.cassandra.CassandraWriteMapper;
import io.leadstream.store.cassandra.table.CompaniesTable;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * A company's change record → its {@code companies} row, whole, with the change's version as write
 * timestamp; a deleted company's row goes, a merged one keeps only the survivor's name.
 */
public final class CompanyRowWrites implements CassandraWriteMapper<CompanyChange> {
    private static final long serialVersionUID = 1L;

    @Override
    public List<String> cqls() {
        return List.of(CompaniesTable.INSERT, CompaniesTable.DELETE_USING_TIMESTAMP_BY_COMPANY_ID, CompaniesTable.INSERT_MERGED_INTO);
    }

    @Override
    public void write(List<PreparedStatement> prepared, CompanyChange c, Consumer<Statement<?>> out) {
        Instant at = c.getEventTime();
        if (c.getMergedInto() != null) {
            out.accept(CassandraWriteMapper.bind(prepared.get(1), c.getVersion() - 1, c.getCompanyId()));
            out.accept(CassandraWriteMapper.bind(prepared.get(2),
                    new CompaniesTable.Row(c.getCompanyId(), null, null, null, null, null, null, at, c.getMergedInto()).mergedIntoValues(c.getVersion())));
        } else if (c.getDeleted()) {
            out.accept(CassandraWriteMapper.bind(prepared.get(1), c.getVersion(), c.getCompanyId()));
        } else {
            out.accept(CassandraWriteMapper.bindPresent(prepared.get(0), new CompaniesTable.Row(c.getCompanyId(), c.getFields(), c.getScore(), c.getOwnPoints(),
                    c.getContactPoints(), c.getContacts(), c.getCreatedAt(), at, null).values(c.getVersion())));
        }
    }
}
