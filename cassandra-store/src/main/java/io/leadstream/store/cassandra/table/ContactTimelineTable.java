package io.leadstream.store.cassandra.table;

/** A row of {@code contact_timeline}: one event of a contact, stored once, in its contact's timeline. */
public final class ContactTimelineTable {
    public static final String NAME = "contact_timeline";

    /** The events of a contact that came from a device (a scan of the contact's partition). */
    public static final String SELECT_BY_CONTACT_ID_AND_DEVICE_ID = "SELECT event_id FROM {ks}.contact_timeline WHERE contact_id = ? AND device_id = ?"
            + " ALLOW FILTERING";

    public static final String SELECT_DEVICE_ID_EVENT_ID_ALL = "SELECT device_id, event_id FROM {ks}.contact_timeline";

    private ContactTimelineTable() {}
}
