package io.leadstream.store.cassandra.table;

/** Clicks per link of an email: total, and unique (sends that clicked it). */
public final class EmailLinkClicksTable {
    public static final String NAME = "email_link_clicks";

    public static final String INSERT = "INSERT INTO {ks}.email_link_clicks (email_id, url, clicks, unique_clicks) VALUES (?, ?, ?, ?) USING TIMESTAMP ?";
    public static final String SELECT_BY_EMAIL_ID = "SELECT url, clicks, unique_clicks FROM {ks}.email_link_clicks WHERE email_id = ?";

    private EmailLinkClicksTable() {}

    public record Row(String emailId, String url, long clicks, long uniqueClicks) {
        /** A row as {@link #SELECT_BY_EMAIL_ID} reads it. */
        public static Row from(String emailId, com.datastax.oss.driver.api.core.cql.Row r) {
            return new Row(emailId, r.getString("url"), r.getLong("clicks"), r.getLong("unique_clicks"));
        }

        /** {@link #INSERT}'s values: the columns, then the write timestamp. */
        public Object[] values(long usingTimestamp) {
            return new Object[] {emailId, url, clicks, uniqueClicks, usingTimestamp};
        }
    }
}
