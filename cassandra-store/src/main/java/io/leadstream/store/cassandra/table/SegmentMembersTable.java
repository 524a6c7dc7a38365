package io.leadstream.store.cassandra.table;

/** A member of a segment, paged by contact id. */
public final class SegmentMembersTable {
    public static final String NAME = "segment_members";

    /** Up to a limit of member ids after a contact id (exclusive), in id order. */
    public static final String SELECT_BY_SEGMENT_ID_AFTER = "SELECT contact_id FROM {ks}.segment_members WHERE segment_id = ? AND contact_id > ? LIMIT ?";
    public static final String COUNT_BY_SEGMENT_ID = "SELECT COUNT(*) FROM {ks}.segment_members WHERE segment_id = ?";
    public static final String DELETE_BY_SEGMENT_ID_AND_CONTACT_ID = "DELETE FROM {ks}.segment_members WHERE segment_id = ? AND contact_id = ?";

    private SegmentMembersTable() {}
}
