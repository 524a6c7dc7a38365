package io.leadstream.store.cassandra.table;

import java.time.Instant;

/** A row of {@code webhook_health}: a webhook URL's run of failures, and whether it is disabled for it. */
public final class WebhookHealthTable {
    public static final String NAME = "webhook_health";

    /** {@link Row}. */
    public static final String SELECT_BY_URL = "SELECT failures, failing_since, disabled_at FROM {ks}.webhook_health WHERE url = ?";

    public static final String UPDATE_FAILURES_FAILING_SINCE_LAST_ERROR_BY_URL = "UPDATE {ks}.webhook_health SET failures = ?,"
            + " failing_since = ?, last_error = ? WHERE url = ?";

    public static final String UPDATE_DISABLED_AT_BY_URL = "UPDATE {ks}.webhook_health SET disabled_at = ? WHERE url = ?";

    public static final String DELETE_BY_URL = "DELETE FROM {ks}.webhook_health WHERE url = ?";

    private WebhookHealthTable() {}

    /** A URL's health as {@link #SELECT_BY_URL} reads it. */
    public record Row(int failures, Instant failingSince, Instant disabledAt) {
        public static Row from(com.datastax.oss.driver.api.core.cql.Row r) {
            return new Row(r.getInt("failures"), r.getInstant("failing_since"), r.getInstant("disabled_at"));
        }
    }
}
