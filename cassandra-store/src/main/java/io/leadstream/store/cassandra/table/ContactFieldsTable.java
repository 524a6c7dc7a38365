package io.leadstream.store.cassandra.table;

/** A profile field of a contact id; the newest non-empty value by event time wins. */
public final class ContactFieldsTable {
    public static final String NAME = "contact_fields";

    public static final String INSERT = "INSERT INTO {ks}.contact_fields (contact_id, field, value) VALUES (?, ?, ?) USING TIMESTAMP ?";

    /** Each field's value and its writetime, which decides between the ids of a merged profile. */
    public static final String SELECT_BY_CONTACT_ID = "SELECT field, value, WRITETIME(value) FROM {ks}.contact_fields WHERE contact_id = ?";

    private ContactFieldsTable() {}

    public record Row(String contactId, String field, String value) {
        /** {@link #INSERT}'s values: the columns, then the write timestamp. */
        public Object[] values(long usingTimestamp) {
            return new Object[] {contactId, field, value, usingTimestamp};
        }
    }
}
