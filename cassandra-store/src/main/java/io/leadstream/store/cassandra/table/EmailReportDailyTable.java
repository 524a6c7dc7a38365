package io.leadstream.store.cassandra.table;

import java.time.LocalDate;
import java.util.Map;

/** An email's counts per UTC day, for all its sends (scope {@link #EMAIL}) or per segment of a segment send ({@link #SEGMENT}). */
public final class EmailReportDailyTable {
    public static final String NAME = "email_report_daily";
    public static final String EMAIL = "email";
    public static final String SEGMENT = "segment";

    public static final String INSERT = "INSERT INTO {ks}.email_report_daily (email_id, scope, key, day, sent, delivered, opens, unique_opens, clicks,"
            + " unique_clicks, unsubscribed, bounced_hard, bounced_soft, failed, suppressed, suppressed_by, queued)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?";

    /** An email's rows, every scope and day. */
    public static final String SELECT_BY_EMAIL_ID = "SELECT * FROM {ks}.email_report_daily WHERE email_id = ?";

    private EmailReportDailyTable() {}

    public record Row(String emailId, String scope, String key, LocalDate day, long sent, long delivered, long opens, long uniqueOpens, long clicks,
                      long uniqueClicks, long unsubscribed, long bouncedHard, long bouncedSoft, long failed, long suppressed,
                      Map<String, Long> suppressedBy, long queued) {
        public static Row from(com.datastax.oss.driver.api.core.cql.Row r) {
            return new Row(r.getString("email_id"), r.getString("scope"), r.getString("key"), r.getLocalDate("day"), r.getLong("sent"),
                    r.getLong("delivered"), r.getLong("opens"), r.getLong("unique_opens"), r.getLong("clicks"), r.getLong("unique_clicks"),
                    r.getLong("unsubscribed"), r.getLong("bounced_hard"), r.getLong("bounced_soft"), r.getLong("failed"), r.getLong("suppressed"),
                    r.getMap("suppressed_by", String.class, Long.class), r.getLong("queued"));
        }

        /** {@link #INSERT}'s values: the columns, then the write timestamp. */
        public Object[] values(long usingTimestamp) {
            return new Object[] {emailId, scope, key, day, sent, delivered, opens, uniqueOpens, clicks, uniqueClicks, unsubscribed, bouncedHard,
                bouncedSoft, failed, suppressed, suppressedBy, queued, usingTimestamp};
        }
    }
}
