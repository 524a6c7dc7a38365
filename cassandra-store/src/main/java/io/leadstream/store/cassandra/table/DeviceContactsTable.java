package io.leadstream.store.cassandra.table;

/** A row of {@code device_contacts}: the contact a device points at now. */
public final class DeviceContactsTable {
    public static final String NAME = "device_contacts";

    public static final String SELECT_BY_DEVICE_ID = "SELECT contact_id FROM {ks}.device_contacts WHERE device_id = ?";

    private DeviceContactsTable() {}
}
