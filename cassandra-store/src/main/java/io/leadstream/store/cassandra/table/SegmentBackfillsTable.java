package io.leadstream.store.cassandra.table;

import java.time.Instant;

/** One engine subtask's progress re-evaluating its contacts after a segment's definition changed. */
public final class SegmentBackfillsTable {
    public static final String NAME = "segment_backfills";

    public static final String SELECT_BY_SEGMENT_ID = "SELECT subtask, revision, subtasks, contacts, started_at, finished_at FROM "
            + "{ks}.segment_backfills WHERE segment_id = ?";

    private SegmentBackfillsTable() {}

    /** A row as {@link #SELECT_BY_SEGMENT_ID} reads it (all but the key). */
    public record Row(int subtask, long revision, int subtasks, long contacts, Instant startedAt, Instant finishedAt) {
        public static Row from(com.datastax.oss.driver.api.core.cql.Row r) {
            return new Row(r.getInt("subtask"), r.getLong("revision"), r.getInt("subtasks"), r.getLong("contacts"),
                    r.getInstant("started_at"), r.getInstant("finished_at"));
        }
    }
}
