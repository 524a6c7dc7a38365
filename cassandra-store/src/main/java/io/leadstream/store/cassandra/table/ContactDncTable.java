package io.leadstream.store.cassandra.table;

/** A contact's do-not-contact state on one channel, the latest decision winning. */
public final class ContactDncTable {
    public static final String NAME = "contact_dnc";

    public static final String SELECT_BY_CONTACT_ID = "SELECT channel, dnc, reason FROM {ks}.contact_dnc WHERE contact_id = ?";

    private ContactDncTable() {}
}
