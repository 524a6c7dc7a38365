package io.leadstream.store.cassandra.table;

/** The contact a device points at now. */
public final class DeviceContactsTable {
    public static final String NAME = "device_contacts";

    public static final String INSERT = "INSERT INTO {ks}.device_contacts (device_id, contact_id) VALUES (?, ?)";

    public static final String SELECT_BY_DEVICE_ID = "SELECT contact_id FROM {ks}.device_contacts WHERE device_id = ?";

    private DeviceContactsTable() {}
}
