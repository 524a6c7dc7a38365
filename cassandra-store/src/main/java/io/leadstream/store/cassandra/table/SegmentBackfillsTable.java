package io.leadstream.store.cassandra.table;

import java.time.Instant;

/** One engine subtask's progress re-evaluating its contacts after a segment's definition changed. */
public final class SegmentBackfillsTable {
    public static final String NAME = "segment_backfills";

    public static final String INSERT = "INSERT INTO {ks}.segment_backfills (segment_id, subtask, revision, subtasks, contacts, started_at, finished_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?";

    private SegmentBackfillsTable() {}

    public record Row(String segmentId, int subtask, long revision, int subtasks, long contacts, Instant startedAt, Instant finishedAt) {
        /** {@link #INSERT}'s values: the columns, then the write timestamp. */
        public Object[] values(long usingTimestamp) {
            return new Object[] {segmentId, subtask, revision, subtasks, contacts, startedAt, finishedAt, usingTimestamp};
        }
    }
}
