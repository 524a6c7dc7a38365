package io.leadstream.store.cassandra.table;

import java.time.Instant;

/** A contact's webhook in due order: a worker sends one only when the earlier ones are done. */
public final class ContactWebhooksTable {
    public static final String NAME = "contact_webhooks";

    public static final String INSERT = "INSERT INTO {ks}.contact_webhooks (contact_id, due, command_id) VALUES (?, ?, ?)";

    /** A contact's webhooks due since a time and before one (due, command_id). */
    public static final String SELECT_BY_CONTACT_ID_SINCE_BEFORE = "SELECT command_id FROM {ks}.contact_webhooks WHERE contact_id = ?"
            + " AND (due) >= (?) AND (due, command_id) < (?, ?)";

    private ContactWebhooksTable() {}

    public record Row(String contactId, Instant due, String commandId) {
        /** {@link #INSERT}'s values. */
        public Object[] values() {
            return new Object[] {contactId, due, commandId};
        }
    }
}
