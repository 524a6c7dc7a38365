package io.leadstream.store.cassandra.table;

/** The contact a unique identifier (email by default, lower-cased) belongs to. */
public final class ContactsByIdentifierTable {
    public static final String NAME = "contacts_by_identifier";

    public static final String INSERT = "INSERT INTO {ks}.contacts_by_identifier (field, value, contact_id) VALUES (?, ?, ?)";

    public static final String SELECT_CONTACT_ID_BY_FIELD_AND_VALUE = "SELECT contact_id FROM {ks}.contacts_by_identifier WHERE field = ? AND value = ?";
    public static final String SELECT_BY_FIELD_AND_VALUE = "SELECT * FROM {ks}.contacts_by_identifier WHERE field = ? AND value = ?";
    public static final String DELETE_BY_FIELD_AND_VALUE = "DELETE FROM {ks}.contacts_by_identifier WHERE field = ? AND value = ?";

    private ContactsByIdentifierTable() {}

    public record Row(String field, String value, String contactId) {
        /** {@link #INSERT}'s values. */
        public Object[] values() {
            return new Object[] {field, value, contactId};
        }
    }
}
