package io.leadstream.jobs.segments;

import io.leadstream.schemas.engine.PointTriggerFired;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.schemas.engine.SegmentCommand;
import io.leadstream.schemas.event.TrackingEvent;

/**
 * What changes a contact's segments: one of its events, a change of its points, a point trigger
 * that fired, or a segment command given by hand. Exactly one is set. A Flink POJO.
 */
public class ContactSignal {
    public TrackingEvent event;
    public PointsChange points;
    public PointTriggerFired fired;
    public SegmentCommand command;

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

    public static ContactSignal of(SegmentCommand command) {
        ContactSignal s = new ContactSignal();
        s.command = command;
        return s;
    }

    public String contactId() {
        if (event != null) {
            return event.getContactId();
        }
        if (points != null) {
            return points.getContactId();
        }
        return fired != null ? fired.getContactId() : command.getContactId();
    }

    public long time() {
        if (event != null) {
            return event.getEventTime().toEpochMilli();
        }
        if (points != null) {
            return points.getEventTime().toEpochMilli();
        }
        return (fired != null ? fired.getEventTime() : command.getRequestedAt()).toEpochMilli();
    }
}
