package io.leadstream.schemas.gdpr;

import io.leadstream.schemas.event.CustomEvent;
import io.leadstream.schemas.event.EventContext;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A contact's erasure told to the engine in-band, on raw-events, so each keyed stage meets it in
 * order with that key's other events: one marker per device (the identity stage forgets the device),
 * per contact id (every contact-keyed stage forgets the contact) and for the identifier (its owner
 * is forgotten). Each stage keeps only a tombstone: later events of that key are dropped. A marker
 * is never stored as an event: the sinks skip it.
 */
public final class ErasureMarkers {
    /** The custom event name; the {@code leadstream.} prefix is reserved to LeadStream itself. */
    public static final String NAME = "leadstream.erase";
    /** Device key of the identifier's marker: not a real device, so it gets no tombstone. */
    public static final String IDENTIFIER_DEVICE_PREFIX = "erasure:";

    public enum Scope { DEVICE, CONTACT, IDENTIFIER }

    private ErasureMarkers() {}

    public static TrackingEvent device(String erasureId, String deviceId, Instant at) {
        return marker(erasureId, Scope.DEVICE, deviceId, at).setDeviceId(deviceId).build();
    }

    public static TrackingEvent contact(String erasureId, String contactId, Instant at) {
        return marker(erasureId, Scope.CONTACT, contactId, at).setContactId(contactId).build();
    }

    public static TrackingEvent identifier(String erasureId, String field, String value, Instant at) {
        return marker(erasureId, Scope.IDENTIFIER, field + ":" + value, at)
                .setDeviceId(IDENTIFIER_DEVICE_PREFIX + erasureId).setFields(Map.of(field, value)).build();
    }

    /** The marker's scope, or null when the event is not an erasure marker. */
    public static Scope scopeOf(TrackingEvent event) {
        if (event.getSource() == Source.API && event.getPayload() instanceof CustomEvent c && NAME.equals(c.getName())) {
            String scope = c.getProperties().get("scope");
            return scope == null ? null : Scope.valueOf(scope);
        }
        return null;
    }

    public static boolean isMarker(TrackingEvent event) {
        return scopeOf(event) != null;
    }

    private static TrackingEvent.Builder marker(String erasureId, Scope scope, String target, Instant at) {
        return TrackingEvent.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes((erasureId + "/" + scope + "/" + target).getBytes(StandardCharsets.UTF_8)).toString())
                .setEventTime(at)
                .setSource(Source.API)
                .setContext(EventContext.newBuilder().setTrackable(false).setNonTrackableReason("erasure").build())
                .setFields(Map.of())
                .setPayload(CustomEvent.newBuilder().setName(NAME).setProperties(Map.of("erasure", erasureId, "scope", scope.name())).build());
    }
}
