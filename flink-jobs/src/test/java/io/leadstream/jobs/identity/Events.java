package io.leadstream.jobs.identity;

import io.leadstream.schemas.event.EventContext;
import io.leadstream.schemas.event.PageHit;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import java.time.Instant;
import java.util.Map;

/** Test events: a page hit by a device at an event time, optionally carrying an email; a server-side event. */
public final class Events {
    private Events() {}

    public static TrackingEvent hit(String eventId, String device, long time, String email) {
        return TrackingEvent.newBuilder()
                .setEventId(eventId)
                .setEventTime(Instant.ofEpochMilli(time))
                .setSource(Source.TRACKER)
                .setDeviceId(device)
                .setContext(EventContext.newBuilder().setTrackable(true).build())
                .setFields(email == null ? Map.of() : Map.of("email", email))
                .setPayload(PageHit.newBuilder().setUrl("https://shop.example.com/" + eventId).build())
                .build();
    }

    /** A server-side (API) event naming its contact, with no device. */
    public static TrackingEvent api(String eventId, String contact, long time) {
        return TrackingEvent.newBuilder(hit(eventId, null, time, null)).setSource(Source.API).setContactId(contact).build();
    }
}
