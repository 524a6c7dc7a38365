package io.leadstream.store.cassandra.table;

/** A row of {@code contact_webhooks}: a contact's webhook in due order, so its calls go out in that order. */
public final class ContactWebhooksTable {
    public static final String NAME = "contact_webhooks";

    /** A contact's webhooks due since a time and before one (due, command_id). */
    public static final String SELECT_BY_CONTACT_ID_SINCE_BEFORE = "SELECT command_id FROM {ks}.contact_webhooks WHERE contact_id = ?"
            + " AND (due) >= (?) AND (due, command_id) < (?, ?)";

    private ContactWebhooksTable() {}
}
