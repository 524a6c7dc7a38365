package io.leadstream.store.cassandra.table;

/** A segment a contact is in: the contact's side of segment_members. */
public final class ContactSegmentsTable {
    public static final String NAME = "contact_segments";

    public static final String SELECT_BY_CONTACT_ID = "SELECT segment_id FROM {ks}.contact_segments WHERE contact_id = ?";

    private ContactSegmentsTable() {}
}
