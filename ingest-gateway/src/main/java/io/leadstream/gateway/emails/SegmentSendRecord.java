package io.leadstream.gateway.emails;

import io.leadstream.common.email.SegmentSends;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A segment email's send as recorded in the definitions topic ({@link SegmentSends}): the engine reads this
 * document, so its fields are written exactly as there, the optional ones left out rather than null.
 */
public record SegmentSendRecord(String email, Instant startedAt, Instant sendAt, Integer perHour, Instant closedAt) {
    static final String EMAIL = "email";

    /** A send of {@code email} started {@code now}, as {@code options} ask. */
    public static SegmentSendRecord started(String email, Instant now, SegmentSendOptions options) {
        return new SegmentSendRecord(email, now, options.sendAt(), options.perHour(), null);
    }

    /** The record as stored. */
    public static SegmentSendRecord from(JsonObject doc) {
        return new SegmentSendRecord(doc.getString(EMAIL), instant(doc, SegmentSends.STARTED_AT), instant(doc, SegmentSends.SEND_AT),
                doc.getInteger(SegmentSends.PER_HOUR), instant(doc, SegmentSends.CLOSED_AT));
    }

    /** The same send, closed at {@code now}: contacts who join a segment later get nothing. */
    public SegmentSendRecord closed(Instant now) {
        return new SegmentSendRecord(email, startedAt, sendAt, perHour, now);
    }

    public boolean isClosed() {
        return closedAt != null;
    }

    public JsonObject toJson() {
        JsonObject doc = new JsonObject().put(EMAIL, email).put(SegmentSends.STARTED_AT, startedAt.toString());
        if (sendAt != null) {
            doc.put(SegmentSends.SEND_AT, sendAt.toString());
        }
        if (perHour != null) {
            doc.put(SegmentSends.PER_HOUR, perHour);
        }
        if (closedAt != null) {
            doc.put(SegmentSends.CLOSED_AT, closedAt.toString());
        }
        return doc;
    }

    private static Instant instant(JsonObject doc, String field) {
        String value = doc.getString(field);
        return value == null ? null : Instant.parse(value);
    }
}
