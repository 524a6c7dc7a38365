package io.leadstream.store.cassandra.table;

import java.time.Instant;
import java.time.LocalDate;

/** One call to a webhook URL, per URL and UTC day, newest first: the delivery log. */
public final class WebhookCallsTable {
    public static final String NAME = "webhook_calls";

    public static final String SELECT_BY_URL_AND_DAY = "SELECT called_at, command_id, outcome, detail, event, contact_id FROM {ks}.webhook_calls"
            + " WHERE url = ? AND day = ? LIMIT ?";

    /** Values: {@link Row#values()}. */
    public static final String INSERT = "INSERT INTO {ks}.webhook_calls (url, day, called_at, command_id, outcome, detail, event, contact_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private WebhookCallsTable() {}

    public record Row(String url, LocalDate day, Instant calledAt, String commandId, String outcome, String detail, String event,
                      String contactId) {
        /** {@link #INSERT}'s values. */
        public Object[] values() {
            return new Object[] {url, day, calledAt, commandId, outcome, detail, event, contactId};
        }
    }
}
