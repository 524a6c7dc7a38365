package io.leadstream.store.cassandra.table;

/** A row of {@code contacts} is a contact: when it was first and last seen, and whether it is identified. */
public final class ContactsTable {
    public static final String NAME = "contacts";

    private ContactsTable() {}

    /** The first {@code limit} contact ids in storage order; the limit is part of the text, not bound. */
    public static String selectContactIdLimit(int limit) {
        return "SELECT contact_id FROM {ks}.contacts LIMIT " + limit;
    }
}
