package io.leadstream.jobs.companies;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.leadstream.sink.cassandra.CassandraWriteMapper;
import io.leadstream.store.cassandra.table.CompanyMembersTable;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** A change of a company's contacts → its {@code company_members} rows. */
public final class CompanyMemberWrites implements CassandraWriteMapper<CompanyMember> {
    private static final long serialVersionUID = 1L;

    @Override
    public List<String> cqls() {
        return List.of(CompanyMembersTable.INSERT, CompanyMembersTable.DELETE_USING_TIMESTAMP_BY_COMPANY_ID_AND_CONTACT_ID, CompanyMembersTable.DELETE_USING_TIMESTAMP_BY_COMPANY_ID);
    }

    @Override
    public void write(List<PreparedStatement> prepared, CompanyMember m, Consumer<Statement<?>> out) {
        if (m.contactId == null) {
            out.accept(CassandraWriteMapper.bind(prepared.get(2), m.version, m.companyId));
        } else if (m.since == null) {
            out.accept(CassandraWriteMapper.bind(prepared.get(1), m.version, m.companyId, m.contactId));
        } else {
            out.accept(CassandraWriteMapper.bind(prepared.get(0),
                    new CompanyMembersTable.Row(m.companyId, m.contactId, Instant.ofEpochMilli(m.since)).values(m.version)));
        }
    }
}
