package io.leadstream.store.cassandra.table;

/** Whether a contact id is not to be contacted on a channel, and why; the latest decision by event time wins. */
public final class ContactDncTable {
    public static final String NAME = "contact_dnc";

    /** The email channel's row: binds contact_id, dnc, reason and the write timestamp. */
    public static final String INSERT_EMAIL =
            "INSERT INTO {ks}.contact_dnc (contact_id, channel, dnc, reason) VALUES (?, 'email', ?, ?) USING TIMESTAMP ?";

    public static final String SELECT_BY_CONTACT_ID = "SELECT channel, dnc, reason FROM {ks}.contact_dnc WHERE contact_id = ?";

    public static final String SELECT_BY_CONTACT_ID_IN_AND_CHANNEL_EMAIL = "SELECT contact_id, dnc FROM {ks}.contact_dnc WHERE contact_id IN ?"
            + " AND channel = 'email'";

    private ContactDncTable() {}
}
