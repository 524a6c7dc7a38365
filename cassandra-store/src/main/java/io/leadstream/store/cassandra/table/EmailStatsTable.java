package io.leadstream.store.cassandra.table;

/** An email's send and engagement totals, written whole by the engine with a version as write timestamp. */
public final class EmailStatsTable {
    public static final String NAME = "email_stats";

    public static final String INSERT = "INSERT INTO {ks}.email_stats (email_id, sent, delivered, opens, unique_opens, clicks, unique_clicks, bounced,"
            + " unsubscribed, failed, suppressed, queued) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?";

    public static final String SELECT_ALL = "SELECT * FROM {ks}.email_stats";
    public static final String SELECT_BY_EMAIL_ID = "SELECT * FROM {ks}.email_stats WHERE email_id = ?";

    private EmailStatsTable() {}

    public record Row(String emailId, long sent, long delivered, long opens, long uniqueOpens, long clicks, long uniqueClicks, long bounced,
                      long unsubscribed, long failed, long suppressed, long queued) {
        /** A row as {@link #SELECT_BY_EMAIL_ID} reads it (a count never written reads 0). */
        public static Row from(com.datastax.oss.driver.api.core.cql.Row r) {
            return new Row(r.getString("email_id"), r.getLong("sent"), r.getLong("delivered"), r.getLong("opens"), r.getLong("unique_opens"),
                    r.getLong("clicks"), r.getLong("unique_clicks"), r.getLong("bounced"), r.getLong("unsubscribed"), r.getLong("failed"),
                    r.getLong("suppressed"), r.getLong("queued"));
        }

        /** {@link #INSERT}'s values: the columns, then the write timestamp. */
        public Object[] values(long usingTimestamp) {
            return new Object[] {emailId, sent, delivered, opens, uniqueOpens, clicks, uniqueClicks, bounced, unsubscribed, failed, suppressed,
                queued, usingTimestamp};
        }
    }
}
