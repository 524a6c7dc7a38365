package io.leadstream.gateway.contacts;

import io.leadstream.store.cassandra.table.SegmentBackfillsTable;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Reads the segment tables the engine writes (schema.cql): members by segment, paged by contact id, and backfill progress. */
public final class SegmentStore {
    private final ContactSession session;

    public SegmentStore(ContactStore contacts) {
        this.session = contacts.session();
    }

    /** One engine subtask's report on the segment's latest backfill it ran. */
    public record BackfillPart(int subtask, long revision, int subtasks, long contacts, Instant startedAt, Instant finishedAt) {}

    /** Up to {@code limit} member ids after {@code after} (exclusive; "" from the start), in id order. */
    public CompletionStage<List<String>> members(String segment, String after, int limit) {
        return session.ready().thenCompose(st -> AsyncRows.rows(st.session(), st.segmentMembers().bind(segment, after, limit)))
                .thenApply(rows -> rows.stream().map(r -> r.getString(0)).toList());
    }

    public CompletionStage<List<BackfillPart>> backfills(String segment) {
        return session.ready().thenCompose(st -> AsyncRows.rows(st.session(), st.segmentBackfills().bind(segment)))
                .thenApply(rows -> rows.stream().map(r -> part(SegmentBackfillsTable.Row.from(segment, r))).toList());
    }

    private static BackfillPart part(SegmentBackfillsTable.Row r) {
        return new BackfillPart(r.subtask(), r.revision(), r.subtasks(), r.contacts(), r.startedAt(), r.finishedAt());
    }
}
