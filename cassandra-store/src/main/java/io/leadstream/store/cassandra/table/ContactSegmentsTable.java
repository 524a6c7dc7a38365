package io.leadstream.store.cassandra.table;

/** A segment a contact is in: the contact's segments. */
public final class ContactSegmentsTable {
    public static final String NAME = "contact_segments";

    public static final String INSERT = "INSERT INTO {ks}.contact_segments (contact_id, segment_id) VALUES (?, ?) USING TIMESTAMP ?";
    public static final String DELETE_USING_TIMESTAMP_BY_CONTACT_ID_AND_SEGMENT_ID =
            "DELETE FROM {ks}.contact_segments USING TIMESTAMP ? WHERE contact_id = ? AND segment_id = ?";
    public static final String SELECT_BY_CONTACT_ID = "SELECT segment_id FROM {ks}.contact_segments WHERE contact_id = ?";

    private ContactSegmentsTable() {}
}
