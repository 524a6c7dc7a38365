package io.leadstream.store.cassandra.table;

/** An email's counts on one UTC day: stats over time. */
public final class EmailStatsDailyTable {
    public static final String NAME = "email_stats_daily";

    /** An email's days from a day on (inclusive), newest first. */
    public static final String SELECT_BY_EMAIL_ID_FROM_DAY = "SELECT * FROM {ks}.email_stats_daily WHERE email_id = ? AND day >= ?";

    private EmailStatsDailyTable() {}
}
