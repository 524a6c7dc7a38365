package io.leadstream.common.email;

import io.leadstream.common.ids.DeterministicIds;

/**
 * A segment email's send (Mautic's segment or "list" email): started through the API, it goes once to
 * every contact in the email's segments, and to each contact who joins one later, until it is closed.
 * The gateway records it in the definitions topic as kind {@link #KIND}, id the email's, a document
 * of the fields below; the engine, which holds every contact's segments, decides the sends.
 */
public final class SegmentSends {
    /** The definitions topic's kind of a send record; not a kind the definitions API takes. */
    public static final String KIND = "email-sends";
    /** When the send was started (ISO-8601 instant). */
    public static final String STARTED_AT = "startedAt";
    /** When the first emails are due (ISO-8601 instant; absent: at once). */
    public static final String SEND_AT = "sendAt";
    /** At most this many sends fall due per hour (absent or 0: no limit). */
    public static final String PER_HOUR = "perHour";
    /** When it was closed: contacts who join a segment after it get nothing (ISO-8601 instant; absent: open). */
    public static final String CLOSED_AT = "closedAt";
    /** The send command attribute naming the segment email a send belongs to. */
    public static final String ATTRIBUTE = "segment-email";
    /** The send command attribute naming the segment through which the contact got it (the first of the email's it is in), for reports. */
    public static final String SEGMENT = "segment";

    private SegmentSends() {}

    /** The one send of {@code emailId}'s segment send to {@code contactId}: the same id however often it is decided. */
    public static String commandId(String emailId, String contactId) {
        return DeterministicIds.of("segment-send", emailId, contactId);
    }
}
