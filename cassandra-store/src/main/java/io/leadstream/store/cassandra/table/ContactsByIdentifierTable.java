package io.leadstream.store.cassandra.table;

/** The contact a unique identifier (email by default, lower-cased) belongs to. */
public final class ContactsByIdentifierTable {
    public static final String NAME = "contacts_by_identifier";

    public static final String INSERT = "INSERT INTO {ks}.contacts_by_identifier (field, value, contact_id) VALUES (?, ?, ?)";

    private ContactsByIdentifierTable() {}

    public record Row(String field, String value, String contactId) {
        /** {@link #INSERT}'s values. */
        public Object[] values() {
            return new Object[] {field, value, contactId};
        }
    }
}
