package io.leadstream.store.cassandra.table;

/** One bounce of a contact: the count of its soft bounces, and why. */
public final class ContactBouncesTable {
    public static final String NAME = "contact_bounces";

    private ContactBouncesTable() {}
}
