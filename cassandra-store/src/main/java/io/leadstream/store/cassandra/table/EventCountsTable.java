package io.leadstream.store.cassandra.table;

/** One engine subtask's count of events in a minute (readers add up the shards): the overview's events per minute. */
public final class EventCountsTable {
    public static final String NAME = "event_counts";

    public static final String SELECT_BY_DAY = "SELECT minute, events FROM {ks}.event_counts WHERE day = ?";

    private EventCountsTable() {}
}
