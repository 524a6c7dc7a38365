package io.leadstream.store.cassandra.table;

/** A profile field of a contact id; the newest non-empty value by event time wins. */
public final class ContactFieldsTable {
    public static final String NAME = "contact_fields";

    public static final String INSERT = "INSERT INTO {ks}.contact_fields (contact_id, field, value) VALUES (?, ?, ?) USING TIMESTAMP ?";

    /** Each field's value and its writetime, which decides between the ids of a merged profile. */
    public static final String SELECT_BY_CONTACT_ID = "SELECT field, value, WRITETIME(value) FROM {ks}.contact_fields WHERE contact_id = ?";

    /** The fields of several contact ids: {@link Row}. */
    public static final String SELECT_BY_CONTACT_ID_IN = "SELECT contact_id, field, value FROM {ks}.contact_fields WHERE contact_id IN ?";

    private ContactFieldsTable() {}

    public record Row(String contactId, String field, String value) {
        /** {@link #INSERT}'s values: the columns, then the write timestamp. */
        public Object[] values(long usingTimestamp) {
            return new Object[] {contactId, field, value, usingTimestamp};
        }

        public static Row from(com.datastax.oss.driver.api.core.cql.Row r) {
            return new Row(r.getString("contact_id"), r.getString("field"), r.getString("value"));
        }
    }
}
