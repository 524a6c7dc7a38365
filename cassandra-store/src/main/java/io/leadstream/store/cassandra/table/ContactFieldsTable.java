package io.leadstream.store.cassandra.table;

/** One profile field of a contact id, newest by event time (its writetime) winning. */
public final class ContactFieldsTable {
    public static final String NAME = "contact_fields";

    /** Each field's value and its writetime, which decides between the ids of a merged profile. */
    public static final String SELECT_BY_CONTACT_ID = "SELECT field, value, WRITETIME(value) FROM {ks}.contact_fields WHERE contact_id = ?";

    private ContactFieldsTable() {}
}
