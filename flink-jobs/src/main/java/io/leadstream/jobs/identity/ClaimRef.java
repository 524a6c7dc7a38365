package io.leadstream.jobs.identity;

/** A device's first claim of an identifier, as IdentifierOwner remembers it. */
public final class ClaimRef {
    public String deviceId;
    public long time;
    public String eventId;

    public ClaimRef() {}

    ClaimRef(Claim c) {
        this.deviceId = c.deviceId;
        this.time = c.time;
        this.eventId = c.eventId;
    }

    Claim asClaim(String identifier) {
        return new Claim(identifier, deviceId, time, eventId, true, false);
    }
}
