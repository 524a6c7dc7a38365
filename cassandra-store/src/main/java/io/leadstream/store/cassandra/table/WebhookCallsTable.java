package io.leadstream.store.cassandra.table;

/** One call to a webhook URL, per URL and UTC day, newest first: the delivery log. */
public final class WebhookCallsTable {
    public static final String NAME = "webhook_calls";

    public static final String SELECT_BY_URL_AND_DAY = "SELECT called_at, command_id, outcome, detail, event, contact_id FROM {ks}.webhook_calls"
            + " WHERE url = ? AND day = ? LIMIT ?";

    private WebhookCallsTable() {}
}
