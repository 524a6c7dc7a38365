package io.leadstream.store.cassandra.table;

/** The health of a webhook URL: failing since when, how often in a row, and whether it is disabled. */
public final class WebhookHealthTable {
    public static final String NAME = "webhook_health";

    public static final String SELECT_FAILURES_FAILING_SINCE_DISABLED_AT_LAST_ERROR_BY_URL =
            "SELECT failures, failing_since, disabled_at, last_error FROM {ks}.webhook_health WHERE url = ?";
    /** Re-enables a disabled URL. */
    public static final String DELETE_BY_URL = "DELETE FROM {ks}.webhook_health WHERE url = ?";

    private WebhookHealthTable() {}
}
