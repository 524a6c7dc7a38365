package io.leadstream.bench;

import io.leadstream.schemas.event.EventContext;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import java.time.Instant;
import java.util.Map;

/** Contact events as the identity stage hands them on (contact id set), for the benchmarks of the stages after it. */
public final class ContactEvents {
    private ContactEvents() {}

    public static TrackingEvent of(String id, String contact, long time, Map<String, String> fields, Object payload) {
        return TrackingEvent.newBuilder()
                .setEventId(id)
                .setEventTime(Instant.ofEpochMilli(time))
                .setSource(Source.TRACKER)
                .setDeviceId("device-" + contact)
                .setContactId(contact)
                .setContext(EventContext.newBuilder().setTrackable(true).setTimezone("Europe/Paris").build())
                .setFields(fields)
                .setPayload(payload)
                .build();
    }
}
