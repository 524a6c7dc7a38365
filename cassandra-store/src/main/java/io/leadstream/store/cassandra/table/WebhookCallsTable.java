package io.leadstream.store.cassandra.table;

import java.time.Instant;
import java.time.LocalDate;

/** A row of {@code webhook_calls}: one call of a webhook URL and its outcome, the delivery log the API shows. */
public final class WebhookCallsTable {
    public static final String NAME = "webhook_calls";

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
