package io.leadstream.store.cassandra.table;

import java.time.Instant;
import java.time.LocalDate;

/** A contact's entry into or exit from a segment, by segment and UTC day: the segment's counts over time. */
public final class SegmentMembershipLogTable {
    public static final String NAME = "segment_membership_log";

    public static final String INSERT =
            "INSERT INTO {ks}.segment_membership_log (segment_id, day, event_time, contact_id, kind, reason) VALUES (?, ?, ?, ?, ?, ?)";

    /** The kinds (ENTERED, LEFT) of a segment's changes on a day. */
    public static final String SELECT_BY_SEGMENT_ID_AND_DAY = "SELECT kind FROM {ks}.segment_membership_log WHERE segment_id = ? AND day = ?";
    /** The keys of a contact's rows, by a filtering scan: an erasure is rare, and nothing else finds them by contact. */
    public static final String SELECT_BY_CONTACT_ID = "SELECT segment_id, day, event_time FROM {ks}.segment_membership_log WHERE contact_id = ? ALLOW FILTERING";
    public static final String DELETE_BY_SEGMENT_ID_AND_DAY_AND_EVENT_TIME_AND_CONTACT_ID =
            "DELETE FROM {ks}.segment_membership_log WHERE segment_id = ? AND day = ? AND event_time = ? AND contact_id = ?";

    private SegmentMembershipLogTable() {}

    public record Row(String segmentId, LocalDate day, Instant eventTime, String contactId, String kind, String reason) {
        /** {@link #INSERT}'s values. */
        public Object[] values() {
            return new Object[] {segmentId, day, eventTime, contactId, kind, reason};
        }
    }
}
