package io.leadstream.jobs.contact;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.leadstream.schemas.engine.ContactView;
import io.leadstream.sink.cassandra.CassandraWriteMapper;
import io.leadstream.store.cassandra.table.ContactProfilesTable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;

/** A contact's view → its {@code contact_profiles} row, whole, with the view's version as write timestamp (an older view never wins). */
public final class ContactViewWrites implements CassandraWriteMapper<ContactView> {
    private static final long serialVersionUID = 1L;

    @Override
    public List<String> cqls() {
        return List.of(ContactProfilesTable.INSERT);
    }

    @Override
    public void write(List<PreparedStatement> prepared, ContactView v, Consumer<Statement<?>> out) {
        // A stage left unset, not null, for a contact never in one: a null is a tombstone, and views are written often.
        // Companies likewise for a contact in none, which says so by a null primary (ProfileCompanies.viewPrimary).
        out.accept(CassandraWriteMapper.bindPresent(prepared.get(0), new ContactProfilesTable.Row(v.getContactId(), v.getPoints(), v.getPointsByGroup(),
                new LinkedHashSet<>(v.getTags()), v.getStage(), v.getPrimaryCompany() == null ? null : v.getCompanies(), v.getPrimaryCompany())
                .values(v.getVersion())));
    }
}
