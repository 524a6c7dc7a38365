package io.leadstream.store.cassandra.table;

/** A row of {@code contact_dnc}: whether a contact id may not be contacted on a channel (the latest decision wins). */
public final class ContactDncTable {
    public static final String NAME = "contact_dnc";

    public static final String SELECT_BY_CONTACT_ID_IN_AND_CHANNEL_EMAIL = "SELECT contact_id, dnc FROM {ks}.contact_dnc WHERE contact_id IN ?"
            + " AND channel = 'email'";

    private ContactDncTable() {}
}
