package io.leadstream.store.cassandra.table;

/** A contact's webhook in the order it is due: a receiver sees each contact's calls in order. */
public final class ContactWebhooksTable {
    public static final String NAME = "contact_webhooks";

    private ContactWebhooksTable() {}
}
