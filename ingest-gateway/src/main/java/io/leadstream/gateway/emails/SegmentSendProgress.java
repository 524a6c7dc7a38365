package io.leadstream.gateway.emails;

import com.datastax.oss.driver.api.core.cql.Row;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * How far a segment email's send has come: its record, the email's segments, its state, and the email's
 * counts, with {@code pending} the sends the engine decided that no worker has finished yet.
 */
public final class SegmentSendProgress {
    public static final String SCHEDULED = "scheduled";
    public static final String SENDING = "sending";
    public static final String CLOSED = "closed";

    /** The email's counts (email_stats) that tell a send's progress; a missing row or column counts 0. */
    public record Counts(long queued, long sent, long suppressed, long failed) {
        public static final Counts NONE = new Counts(0, 0, 0, 0);

        public static Counts from(Row row) {
            return row == null ? NONE : new Counts(count(row, "queued"), count(row, "sent"), count(row, "suppressed"), count(row, "failed"));
        }

        public Counts plus(Counts o) {
            return new Counts(queued + o.queued, sent + o.sent, suppressed + o.suppressed, failed + o.failed);
        }

        /** Decided but not finished. Never negative: the counts are written at different moments, a worker's may come first. */
        public long pending() {
            return Math.max(0, queued - sent - failed - suppressed);
        }

        private static long count(Row row, String column) {
            return row.isNull(column) ? 0 : row.getLong(column);
        }
    }

    private SegmentSendProgress() {}

    /** The progress document of {@code send} at {@code now}. */
    public static JsonObject of(SegmentSendRecord send, List<String> segments, Counts counts, Instant now) {
        JsonObject doc = send.toJson().put("segments", new JsonArray(List.copyOf(segments))).put("state", state(send, now));
        return doc.put("queued", counts.queued()).put("sent", counts.sent()).put("suppressed", counts.suppressed())
                .put("failed", counts.failed()).put("pending", counts.pending());
    }

    static String state(SegmentSendRecord send, Instant now) {
        if (send.isClosed()) {
            return CLOSED;
        }
        return send.sendAt() != null && send.sendAt().isAfter(now) ? SCHEDULED : SENDING;
    }
}
