package io.leadstream.jobs.identity;

import io.leadstream.common.ids.IdentityIds;
/** DeviceResolver's state for one device: its first identifier and the one it points at now. */
public final class DeviceIdentity {
    public String first;
    public long firstTime;
    public String firstEventId;
    public String current;
    public long currentTime;

    public DeviceIdentity() {}

    /** The provisional contact of the device's events now (docs/identity.md). */
    String contact(String deviceId) {
        return current == null || current.equals(first) ? IdentityIds.anon(deviceId) : IdentityIds.forIdentifier(current);
    }
}
