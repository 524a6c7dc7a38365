package io.leadstream.jobs.segments;

import io.leadstream.schemas.engine.PointTriggerFired;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.schemas.event.TrackingEvent;

/** What changes a contact's segments: one of its events, a change of its points, or a point trigger that fired. A Flink POJO. */
public class ContactSignal {
    public TrackingEvent event;
    public PointsChange points;
    public PointTriggerFired fired;

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

    public static ContactSignal of(PointTriggerFired fired) {
        ContactSignal s = new ContactSignal();
        s.fired = fired;
        return s;
    }

    public String contactId() {
        return event != null ? event.getContactId() : points != null ? points.getContactId() : fired.getContactId();
    }

    public long time() {
        return (event != null ? event.getEventTime() : points != null ? points.getEventTime() : fired.getEventTime()).toEpochMilli();
    }
}
