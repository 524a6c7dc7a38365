package io.leadstream.store.cassandra.table;

/** A row of {@code contact_fields}: one profile field of a contact id, the newest value by event time. */
public final class ContactFieldsTable {
    public static final String NAME = "contact_fields";

    /** The fields of several contact ids: {@link Row}. */
    public static final String SELECT_BY_CONTACT_ID_IN = "SELECT contact_id, field, value FROM {ks}.contact_fields WHERE contact_id IN ?";

    public static final String INSERT = "INSERT INTO {ks}.contact_fields (contact_id, field, value) VALUES (?, ?, ?)";

    private ContactFieldsTable() {}

    public record Row(String contactId, String field, String value) {
        public static Row from(com.datastax.oss.driver.api.core.cql.Row r) {
            return new Row(r.getString("contact_id"), r.getString("field"), r.getString("value"));
        }
    }
}
