package io.leadstream.store.cassandra.table;

/** A row of {@code contact_segments} says a contact is in a segment: a contact's segments in one partition. */
public final class ContactSegmentsTable {
    public static final String NAME = "contact_segments";

    public static final String SELECT_BY_CONTACT_ID = "SELECT segment_id FROM {ks}.contact_segments WHERE contact_id = ?";

    private ContactSegmentsTable() {}
}
