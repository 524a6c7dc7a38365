package io.leadstream.jobs.segments;

import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.schemas.event.TrackingEvent;

/** What changes a contact's segments: one of its events, or a change of its points. A Flink POJO. */
public class ContactSignal {
    public TrackingEvent event;
    public PointsChange points;

    public ContactSignal() {}

    public static ContactSignal of(TrackingEvent event) {
        ContactSignal s = new ContactSignal();
        s.event = event;
        return s;
    }

    public static ContactSignal of(PointsChange points) {
        ContactSignal s = new ContactSignal();
        s.points = points;
        return s;
    }

    public String contactId() {
        return event != null ? event.getContactId() : points.getContactId();
    }

    public long time() {
        return (event != null ? event.getEventTime() : points.getEventTime()).toEpochMilli();
    }
}
