package io.leadstream.jobs.segments;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.leadstream.sink.cassandra.CassandraWriteMapper;
import io.leadstream.store.cassandra.table.SegmentBackfillsTable;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * A subtask's backfill progress → its row of {@code segment_backfills}. The sink writes
 * concurrently, so each report's write timestamp orders it: the backfill's start (a later
 * backfill starts after an earlier one ended), then progress within it in the microseconds, so a
 * late-landing earlier report never overwrites a later one.
 */
public final class BackfillProgressWrites implements CassandraWriteMapper<BackfillProgress> {
    private static final long serialVersionUID = 1L;

    @Override
    public List<String> cqls() {
        return List.of(SegmentBackfillsTable.INSERT);
    }

    @Override
    public void write(List<PreparedStatement> prepared, BackfillProgress p, Consumer<Statement<?>> out) {
        long order = p.startedAt * 1000 + (p.finishedAt != null ? 999 : Math.min(998, p.contacts / BackfillProgress.PROGRESS_EVERY));
        // finished_at bound even when null: a new backfill clears the previous one's.
        out.accept(CassandraWriteMapper.bind(prepared.get(0), new SegmentBackfillsTable.Row(p.segmentId, p.subtask, p.revision, p.subtasks, p.contacts,
                Instant.ofEpochMilli(p.startedAt), p.finishedAt == null ? null : Instant.ofEpochMilli(p.finishedAt)).values(order)));
    }
}
