package io.leadstream.jobs.contact;

import io.leadstream.schemas.engine.ContactHandover;
import io.leadstream.schemas.engine.DeliveryResult;
import io.leadstream.schemas.engine.IdentityChange;
import io.leadstream.schemas.engine.SegmentCommand;
import io.leadstream.schemas.event.TrackingEvent;

/**
 * What reaches a contact's key: one of its events, its merge into another contact (keyed by the
 * one merged away), a segment command given by hand, a handover from another key (a merged
 * profile, or a signal that still carried a merged id), or an email the send workers sent it.
 * Exactly one is set. A Flink POJO.
 */
public class ContactSignal {
    public TrackingEvent event;
    public IdentityChange merge;
    public SegmentCommand command;
    public ContactHandover handover;
    public DeliveryResult delivery;

    public ContactSignal() {}

    public static ContactSignal of(TrackingEvent event) {
        ContactSignal s = new ContactSignal();
        s.event = event;
        return s;
    }

    public static ContactSignal of(IdentityChange merge) {
        ContactSignal s = new ContactSignal();
        s.merge = merge;
        return s;
    }

    public static ContactSignal of(SegmentCommand command) {
        ContactSignal s = new ContactSignal();
        s.command = command;
        return s;
    }

    public static ContactSignal of(ContactHandover handover) {
        ContactSignal s = new ContactSignal();
        s.handover = handover;
        return s;
    }

    public static ContactSignal of(DeliveryResult delivery) {
        ContactSignal s = new ContactSignal();
        s.delivery = delivery;
        return s;
    }

    /** The key: the contact it is for (for a merge, the contact merged away). */
    public String contactId() {
        if (event != null) {
            return event.getContactId();
        }
        if (merge != null) {
            return merge.getMergedContactId();
        }
        if (delivery != null) {
            return delivery.getContactId();
        }
        return command != null ? command.getContactId() : handover.getToContactId();
    }

    public long time() {
        if (event != null) {
            return event.getEventTime().toEpochMilli();
        }
        if (merge != null) {
            return merge.getEventTime().toEpochMilli();
        }
        if (delivery != null) {
            return delivery.getEventTime().toEpochMilli();
        }
        return (command != null ? command.getRequestedAt() : handover.getEventTime()).toEpochMilli();
    }
}
