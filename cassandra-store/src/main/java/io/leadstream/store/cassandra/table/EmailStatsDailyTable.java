package io.leadstream.store.cassandra.table;

import java.time.LocalDate;

/** An email's totals on one UTC day of the signal, for stats over time. */
public final class EmailStatsDailyTable {
    public static final String NAME = "email_stats_daily";

    public static final String INSERT = "INSERT INTO {ks}.email_stats_daily (email_id, day, sent, delivered, opens, unique_opens, clicks, unique_clicks,"
            + " bounced, unsubscribed, failed, suppressed, queued) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?";

    /** An email's days from a day on (inclusive), newest first. */
    public static final String SELECT_BY_EMAIL_ID_FROM_DAY = "SELECT * FROM {ks}.email_stats_daily WHERE email_id = ? AND day >= ?";

    private EmailStatsDailyTable() {}

    public record Row(String emailId, LocalDate day, long sent, long delivered, long opens, long uniqueOpens, long clicks, long uniqueClicks,
                      long bounced, long unsubscribed, long failed, long suppressed, long queued) {
        /** {@link #INSERT}'s values: the columns, then the write timestamp. */
        public Object[] values(long usingTimestamp) {
            return new Object[] {emailId, day, sent, delivered, opens, uniqueOpens, clicks, uniqueClicks, bounced, unsubscribed, failed, suppressed,
                queued, usingTimestamp};
        }
    }
}
