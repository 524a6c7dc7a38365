package io.leadstream.store.cassandra.table;

import java.time.Instant;
import java.time.LocalDate;

/** Events of one minute counted by one engine subtask (its shard), for the dashboard's overview. */
public final class EventCountsTable {
    public static final String NAME = "event_counts";

    public static final String INSERT = "INSERT INTO {ks}.event_counts (day, minute, shard, events) VALUES (?, ?, ?, ?) USING TIMESTAMP ?";

    public static final String SELECT_BY_DAY = "SELECT minute, events FROM {ks}.event_counts WHERE day = ?";

    private EventCountsTable() {}

    public record Row(LocalDate day, Instant minute, int shard, long events) {
        /** {@link #INSERT}'s values: the columns, then the write timestamp. */
        public Object[] values(long usingTimestamp) {
            return new Object[] {day, minute, shard, events, usingTimestamp};
        }
    }
}
