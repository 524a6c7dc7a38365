package io.leadstream.jobs.companies;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.leadstream.sink.cassandra.CassandraWriteMapper;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** A change of a company's contacts → its {@code company_members} rows. */
public final class CompanyMemberWrites implements CassandraWriteMapper<CompanyMember> {
    private static final long serialVersionUID = 1L;

    @Override
    public List<String> cqls() {
        return List.of("INSERT INTO {ks}.company_members (company_id, contact_id, since) VALUES (?, ?, ?) USING TIMESTAMP ?",
                "DELETE FROM {ks}.company_members USING TIMESTAMP ? WHERE company_id = ? AND contact_id = ?",
                "DELETE FROM {ks}.company_members USING TIMESTAMP ? WHERE company_id = ?");
    }

    @Override
    public void write(List<PreparedStatement> prepared, CompanyMember m, Consumer<Statement<?>> out) {
        if (m.contactId == null) {
            out.accept(CassandraWriteMapper.bind(prepared.get(2), m.version, m.companyId));
        } else if (m.since == null) {
            out.accept(CassandraWriteMapper.bind(prepared.get(1), m.version, m.companyId, m.contactId));
        } else {
            out.accept(CassandraWriteMapper.bind(prepared.get(0), m.companyId, m.contactId, Instant.ofEpochMilli(m.since), m.version));
        }
    }
}
