package io.leadstream.store.cassandra.table;

import java.time.Instant;
import java.time.LocalDate;

/** A contact's entry into or exit from a segment, by segment and UTC day: the segment's counts over time. */
public final class SegmentMembershipLogTable {
    public static final String NAME = "segment_membership_log";

    public static final String INSERT =
            "INSERT INTO {ks}.segment_membership_log (segment_id, day, event_time, contact_id, kind, reason) VALUES (?, ?, ?, ?, ?, ?)";

    private SegmentMembershipLogTable() {}

    public record Row(String segmentId, LocalDate day, Instant eventTime, String contactId, String kind, String reason) {
        /** {@link #INSERT}'s values. */
        public Object[] values() {
            return new Object[] {segmentId, day, eventTime, contactId, kind, reason};
        }
    }
}
