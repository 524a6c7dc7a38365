package io.leadstream.jobs.identity;

import java.util.Objects;

/**
 * A device said "I am identifier X" at an event time: sent from {@link DeviceResolver} (keyed by
 * device) to {@link IdentifierOwner} (keyed by identifier). {@code first}: X is the device's first
 * identifier, so its base contact takes part in the ownership of X. {@code retract}: a late, earlier
 * claim made this no longer the device's first identifier.
 * A Flink POJO (public fields, no-arg constructor) for efficient serialization.
 */
public final class Claim {
    public String identifier;
    public String deviceId;
    public long time;
    public String eventId;
    public boolean first;
    public boolean retract;
    /** The person who owned the identifier was erased: its owner forgets it (GDPR). */
    public boolean erase;

    public Claim() {}

    public Claim(String identifier, String deviceId, long time, String eventId, boolean first, boolean retract) {
        this.identifier = identifier;
        this.deviceId = deviceId;
        this.time = time;
        this.eventId = eventId;
        this.first = first;
        this.retract = retract;
    }

    public static Claim erasure(String identifier, String deviceId, long time, String eventId) {
        Claim c = new Claim(identifier, deviceId, time, eventId, false, false);
        c.erase = true;
        return c;
    }

    /** Earlier claims win: event time, then event id, then device (a total order, so replays agree). */
    public boolean before(long otherTime, String otherEventId, String otherDevice) {
        if (time != otherTime) {
            return time < otherTime;
        }
        int byEvent = eventId.compareTo(otherEventId);
        return byEvent != 0 ? byEvent < 0 : deviceId.compareTo(otherDevice) < 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Claim c && time == c.time && first == c.first && retract == c.retract && erase == c.erase
                && Objects.equals(identifier, c.identifier) && Objects.equals(deviceId, c.deviceId)
                && Objects.equals(eventId, c.eventId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(identifier, deviceId, time, eventId, first, retract, erase);
    }

    @Override
    public String toString() {
        return "Claim{" + identifier + " by " + deviceId + " @" + time + (first ? " first" : "") + (retract ? " retract" : "") + (erase ? " erase" : "") + "}";
    }
}
