package io.leadstream.jobs.identity;

import io.leadstream.common.ids.IdentityIds;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.leadstream.schemas.engine.IdentityChange;
import io.leadstream.sink.cassandra.CassandraWriteMapper;
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
                "INSERT INTO {ks}.contact_aliases (alias_id, claim_time, owner_time, target_id) VALUES (?, ?, ?, ?)",
                "INSERT INTO {ks}.contact_merged_ids (target_id, alias_id) VALUES (?, ?)",
                "UPDATE {ks}.contacts SET identified = true, identifier_field = ?, identifier_value = ? WHERE contact_id = ?",
                "INSERT INTO {ks}.contacts_by_identifier (field, value, contact_id) VALUES (?, ?, ?)",
                "INSERT INTO {ks}.device_contacts (device_id, contact_id) VALUES (?, ?)");
    }

    @Override
    public void write(List<PreparedStatement> prepared, IdentityChange c, Consumer<Statement<?>> out) {
        switch (c.getKind()) {
            case MERGED -> {
                Instant ownerTime = c.getOwnerTime() == null ? Instant.EPOCH : c.getOwnerTime();
                out.accept(CassandraWriteMapper.bind(prepared.get(0), c.getMergedContactId(), c.getEventTime(), ownerTime, c.getContactId()));
                out.accept(CassandraWriteMapper.bind(prepared.get(1), c.getContactId(), c.getMergedContactId()));
            }
            case IDENTIFIED -> {
                out.accept(CassandraWriteMapper.bind(prepared.get(2), c.getIdentifierField(), c.getIdentifierValue(), c.getContactId()));
                String key = IdentityIds.identifierKey(c.getIdentifierField(), c.getIdentifierValue());
                out.accept(CassandraWriteMapper.bind(prepared.get(3), c.getIdentifierField(), c.getIdentifierValue(), IdentityIds.forIdentifier(key)));
            }
            case DEVICE_LINKED, DEVICE_REPOINTED -> out.accept(CassandraWriteMapper.bind(prepared.get(4), c.getDeviceId(), c.getContactId())
                    .setQueryTimestamp(c.getEventTime().toEpochMilli() * 1000));
            default -> { }
        }
    }
}
