package io.leadstream.store.cassandra.table;

/** The contact a device points at now. */
public final class DeviceContactsTable {
    public static final String NAME = "device_contacts";

    public static final String INSERT = "INSERT INTO {ks}.device_contacts (device_id, contact_id) VALUES (?, ?)";

    private DeviceContactsTable() {}
}
