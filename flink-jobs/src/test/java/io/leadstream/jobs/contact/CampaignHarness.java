package io.leadstream.jobs.contact;

import io.leadstream.schemas.contact.ContactActionEvents;
import io.leadstream.schemas.engine.CampaignLogEntry;
import io.leadstream.schemas.engine.ContactHandover;
import io.leadstream.schemas.engine.SegmentCommandAction;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.schemas.profile.ContactProfile;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Campaigns in the contact processor's harness, in a campaign's words: a contact enters or leaves a
 * source segment (by hand: the segment is defined with no filters on first use), gets points, acts.
 */
final class CampaignHarness implements AutoCloseable {
    final ContactHarness contacts = new ContactHarness();
    private final Set<String> segments = new HashSet<>();
    private int actions;

    CampaignHarness() throws Exception {}

    void campaign(String json) throws Exception {
        contacts.campaign(json);
    }

    void entered(String contact, String segment, Instant at) throws Exception {
        if (segments.add(segment)) {
            contacts.segment(segment, "[]");
        }
        contacts.command(contact, segment, SegmentCommandAction.ADD, at.toEpochMilli());
    }

    void left(String contact, String segment, Instant at) throws Exception {
        contacts.command(contact, segment, SegmentCommandAction.REMOVE, at.toEpochMilli());
    }

    /** Sets the contact's total score, as a points adjustment made to it. */
    void points(String contact, Instant at, int total) throws Exception {
        ContactProfile p = contacts.profile(contact);
        int delta = total - (p == null ? 0 : p.getPoints());
        Map<String, String> adjust = new HashMap<>(Map.of(ContactActionEvents.POINTS_DELTA, Integer.toString(delta)));
        contacts.event(ContactActionEvents.of("points-" + ++actions, contact, at.toEpochMilli(), ContactActionEvents.POINTS, adjust, Map.of(),
                "test"));
    }

    void event(String contact, Instant at, Map<String, String> fields, Object payload) throws Exception {
        contacts.event(contact, at.toEpochMilli(), fields, payload);
    }

    void event(String contact, Instant at, Map<String, String> fields, Object payload, boolean trackable) throws Exception {
        contacts.event(contact, at.toEpochMilli(), fields, payload, trackable);
    }

    void visit(String contact, String url, Instant at) throws Exception {
        contacts.visit(contact, url, at.toEpochMilli());
    }

    void merge(String loser, String survivor, Instant at) throws Exception {
        contacts.merge(loser, survivor, at.toEpochMilli());
    }

    void deliverHandovers(int from) throws Exception {
        contacts.deliverHandovers(from);
    }

    List<ContactHandover> handovers() {
        return contacts.handovers();
    }

    void watermark(Instant at) throws Exception {
        contacts.watermark(at.toEpochMilli());
    }

    /** "contact email-id at instant" for every email send command so far. */
    List<String> emails() {
        return sends().stream().filter(c -> c.getEmailId() != null).map(c -> c.getContactId() + " " + c.getEmailId() + " " + c.getDueTime())
                .toList();
    }

    List<SendCommand> sends() {
        return contacts.sends();
    }

    List<TrackingEvent> contactActions() {
        return contacts.contactActions();
    }

    /** "campaign/event OUTCOME" for every log entry so far, of one contact. */
    List<String> log(String contact) {
        return entries().stream().filter(e -> e.getContactId().equals(contact))
                .map(e -> e.getCampaignId() + "/" + e.getCampaignEventId() + " " + e.getOutcome()).toList();
    }

    List<CampaignLogEntry> entries() {
        return contacts.log();
    }

    int timers() {
        return contacts.timers();
    }

    @Override
    public void close() throws Exception {
        contacts.close();
    }
}
