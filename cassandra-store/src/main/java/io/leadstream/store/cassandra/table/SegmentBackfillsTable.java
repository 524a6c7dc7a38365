package io.leadstream.store.cassandra.table;

import java.time.Instant;

/** One engine subtask's progress re-evaluating its contacts after a segment's definition changed. */
public final class SegmentBackfillsTable {
    public static final String NAME = "segment_backfills";

    public static final String INSERT = "INSERT INTO {ks}.segment_backfills (segment_id, subtask, revision, subtasks, contacts, started_at, finished_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?";

    public static final String SELECT_BY_SEGMENT_ID = "SELECT subtask, revision, subtasks, contacts, started_at, finished_at FROM "
            + "{ks}.segment_backfills WHERE segment_id = ?";

    private SegmentBackfillsTable() {}

    public record Row(String segmentId, int subtask, long revision, int subtasks, long contacts, Instant startedAt, Instant finishedAt) {
        /** A row as {@link #SELECT_BY_SEGMENT_ID} reads it: the segment is the one asked for. */
        public static Row from(String segmentId, com.datastax.oss.driver.api.core.cql.Row r) {
            return new Row(segmentId, r.getInt("subtask"), r.getLong("revision"), r.getInt("subtasks"), r.getLong("contacts"),
                    r.getInstant("started_at"), r.getInstant("finished_at"));
        }

        /** {@link #INSERT}'s values: the columns, then the write timestamp. */
        public Object[] values(long usingTimestamp) {
            return new Object[] {segmentId, subtask, revision, subtasks, contacts, startedAt, finishedAt, usingTimestamp};
        }
    }
}
