package io.leadstream.store.cassandra.table;

/** An email's counts (sent, delivered, opens...), written whole by the engine. */
public final class EmailStatsTable {
    public static final String NAME = "email_stats";

    public static final String SELECT_ALL = "SELECT * FROM {ks}.email_stats";

    private EmailStatsTable() {}
}
