package io.leadstream.store.cassandra.table;

/** The contact holding a unique identifier (email by default, value lower-cased). */
public final class ContactsByIdentifierTable {
    public static final String NAME = "contacts_by_identifier";

    public static final String SELECT_CONTACT_ID_BY_FIELD_AND_VALUE = "SELECT contact_id FROM {ks}.contacts_by_identifier WHERE field = ? AND value = ?";
    public static final String SELECT_BY_FIELD_AND_VALUE = "SELECT * FROM {ks}.contacts_by_identifier WHERE field = ? AND value = ?";
    public static final String DELETE_BY_FIELD_AND_VALUE = "DELETE FROM {ks}.contacts_by_identifier WHERE field = ? AND value = ?";

    private ContactsByIdentifierTable() {}
}
