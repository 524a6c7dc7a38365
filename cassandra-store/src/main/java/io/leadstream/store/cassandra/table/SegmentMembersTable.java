package io.leadstream.store.cassandra.table;

/** A member of a segment: the segment's contacts, paged by contact id. */
public final class SegmentMembersTable {
    public static final String NAME = "segment_members";

    public static final String INSERT = "INSERT INTO {ks}.segment_members (segment_id, contact_id) VALUES (?, ?) USING TIMESTAMP ?";
    public static final String DELETE_USING_TIMESTAMP_BY_SEGMENT_ID_AND_CONTACT_ID =
            "DELETE FROM {ks}.segment_members USING TIMESTAMP ? WHERE segment_id = ? AND contact_id = ?";

    /** Up to a limit of member ids after a contact id (exclusive), in id order. */
    public static final String SELECT_BY_SEGMENT_ID_AFTER = "SELECT contact_id FROM {ks}.segment_members WHERE segment_id = ? AND contact_id > ? LIMIT ?";
    public static final String COUNT_BY_SEGMENT_ID = "SELECT COUNT(*) FROM {ks}.segment_members WHERE segment_id = ?";

    public static final String DELETE_BY_SEGMENT_ID_AND_CONTACT_ID = "DELETE FROM {ks}.segment_members WHERE segment_id = ? AND contact_id = ?";

    private SegmentMembersTable() {}
}
