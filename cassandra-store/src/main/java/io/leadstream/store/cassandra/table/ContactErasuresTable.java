package io.leadstream.store.cassandra.table;

import java.time.Instant;
import java.util.Set;

/** The audit of a GDPR erasure, by pseudonymous ids only: proof the request was carried out. */
public final class ContactErasuresTable {
    public static final String NAME = "contact_erasures";

    public static final String INSERT = "INSERT INTO {ks}.contact_erasures (contact_id, erasure_id, erased_at, ids, devices, rows_deleted)"
            + " VALUES (?, ?, ?, ?, ?, ?)";

    private ContactErasuresTable() {}

    /** {@code devices}: how many devices were erased, not which. */
    public record Row(String contactId, String erasureId, Instant erasedAt, Set<String> ids, int devices, long rowsDeleted) {
        /** The values of {@link #INSERT}, in its column order. */
        public Object[] values() {
            return new Object[] {contactId, erasureId, erasedAt, ids, devices, rowsDeleted};
        }
    }
}
