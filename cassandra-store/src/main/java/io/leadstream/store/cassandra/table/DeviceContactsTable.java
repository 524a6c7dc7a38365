package io.leadstream.store.cassandra.table;

/** The contact a device points at now. */
public final class DeviceContactsTable {
    public static final String NAME = "device_contacts";

    private DeviceContactsTable() {}
}
