package io.leadstream.store.cassandra.table;

import java.time.Instant;

/** The health of a webhook URL: failing since when, how often in a row, and whether it is disabled. */
public final class WebhookHealthTable {
    public static final String NAME = "webhook_health";

    public static final String SELECT_FAILURES_FAILING_SINCE_DISABLED_AT_LAST_ERROR_BY_URL =
            "SELECT failures, failing_since, disabled_at, last_error FROM {ks}.webhook_health WHERE url = ?";
    /** Re-enables a disabled URL. */
    public static final String DELETE_BY_URL = "DELETE FROM {ks}.webhook_health WHERE url = ?";

    /** {@link Row}. */
    public static final String SELECT_BY_URL = "SELECT failures, failing_since, disabled_at FROM {ks}.webhook_health WHERE url = ?";
    public static final String UPDATE_FAILURES_FAILING_SINCE_LAST_ERROR_BY_URL = "UPDATE {ks}.webhook_health SET failures = ?,"
            + " failing_since = ?, last_error = ? WHERE url = ?";
    public static final String UPDATE_DISABLED_AT_BY_URL = "UPDATE {ks}.webhook_health SET disabled_at = ? WHERE url = ?";

    private WebhookHealthTable() {}

    /** A URL's health as {@link #SELECT_BY_URL} reads it. */
    public record Row(int failures, Instant failingSince, Instant disabledAt) {
        public static Row from(com.datastax.oss.driver.api.core.cql.Row r) {
            return new Row(r.getInt("failures"), r.getInstant("failing_since"), r.getInstant("disabled_at"));
        }
    }
}
