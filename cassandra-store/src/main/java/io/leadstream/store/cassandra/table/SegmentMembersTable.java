package io.leadstream.store.cassandra.table;

/** A member of a segment: the segment's contacts, paged by contact id. */
public final class SegmentMembersTable {
    public static final String NAME = "segment_members";

    public static final String INSERT = "INSERT INTO {ks}.segment_members (segment_id, contact_id) VALUES (?, ?) USING TIMESTAMP ?";
    public static final String DELETE_BY_SEGMENT_ID_AND_CONTACT_ID =
            "DELETE FROM {ks}.segment_members USING TIMESTAMP ? WHERE segment_id = ? AND contact_id = ?";

    private SegmentMembersTable() {}
}
