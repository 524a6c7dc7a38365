package io.leadstream.jobs.identity;

import io.leadstream.common.ids.IdentityIds;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.leadstream.schemas.engine.IdentityChange;
import io.leadstream.sink.cassandra.CassandraWriteMapper;
import io.leadstream.store.cassandra.table.ContactAliasesTable;
import io.leadstream.store.cassandra.table.ContactMergedIdsTable;
import io.leadstream.store.cassandra.table.ContactsByIdentifierTable;
import io.leadstream.store.cassandra.table.ContactsTable;
import io.leadstream.store.cassandra.table.DeviceContactsTable;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The identity changelog → alias, device and lookup tables. Alias rows are never overwritten:
 * each decision is a row ordered by (claim time, owner claim time) and the first row is current.
 */
public final class IdentityChangeWrites implements CassandraWriteMapper<IdentityChange> {
    private static final long serialVersionUID = 1L;

    @Override
    public List<String> cqls() {
        return List.of(
                ContactAliasesTable.INSERT,
                ContactMergedIdsTable.INSERT,
                ContactsTable.UPDATE_IDENTIFIER_BY_CONTACT_ID,
                ContactsByIdentifierTable.INSERT,
                DeviceContactsTable.INSERT);
    }

    @Override
    public void write(List<PreparedStatement> prepared, IdentityChange c, Consumer<Statement<?>> out) {
        switch (c.getKind()) {
            case MERGED -> {
                Instant ownerTime = c.getOwnerTime() == null ? Instant.EPOCH : c.getOwnerTime();
                out.accept(CassandraWriteMapper.bind(prepared.get(0),
                        new ContactAliasesTable.Row(c.getMergedContactId(), c.getEventTime(), ownerTime, c.getContactId()).values()));
                out.accept(CassandraWriteMapper.bind(prepared.get(1), c.getContactId(), c.getMergedContactId()));
            }
            case IDENTIFIED -> {
                out.accept(CassandraWriteMapper.bind(prepared.get(2), c.getIdentifierField(), c.getIdentifierValue(), c.getContactId()));
                String key = IdentityIds.identifierKey(c.getIdentifierField(), c.getIdentifierValue());
                out.accept(CassandraWriteMapper.bind(prepared.get(3),
                        new ContactsByIdentifierTable.Row(c.getIdentifierField(), c.getIdentifierValue(), IdentityIds.forIdentifier(key)).values()));
            }
            case DEVICE_LINKED, DEVICE_REPOINTED -> out.accept(CassandraWriteMapper.bind(prepared.get(4), c.getDeviceId(), c.getContactId())
                    .setQueryTimestamp(c.getEventTime().toEpochMilli() * 1000));
            default -> { }
        }
    }
}
