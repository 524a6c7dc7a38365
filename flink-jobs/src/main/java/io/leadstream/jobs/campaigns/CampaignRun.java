package io.leadstream.jobs.campaigns;

import io.leadstream.common.ids.DeterministicIds;
import io.leadstream.schemas.contact.ContactActionEvents;
import io.leadstream.schemas.engine.CampaignLogEntry;
import io.leadstream.schemas.engine.CampaignOutcome;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.FormSubmission;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.schemas.profile.CampaignMembership;
import io.leadstream.schemas.profile.CampaignStep;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One contact's campaigns while one signal (or timer) is handled: it moves the contact through the
 * campaigns it is in, over the memberships of its profile (changed in place), and acts on it
 * through its {@link CampaignHost}.
 */
public final class CampaignRun {
    /** A jump that leads back to itself with no wait would otherwise never stop. */
    static final int MAX_STEPS = 500;

    private final CampaignDefinitions defs;
    private final Map<String, CampaignMembership> memberships;
    private final String contactId;
    private final CampaignHost contact;
    private int steps;

    public CampaignRun(CampaignDefinitions defs, Map<String, CampaignMembership> memberships, String contactId, CampaignHost contact) {
        this.defs = defs;
        this.memberships = memberships;
        this.contactId = contactId;
        this.contact = contact;
    }

    /** Runs every step due at or before {@code now}, earliest first, each at its own due time. */
    public void due(long now) {
        while (true) {
            String campaignId = null;
            CampaignStep next = null;
            for (Map.Entry<String, CampaignMembership> e : memberships.entrySet()) {
                for (CampaignStep s : e.getValue().getSteps()) {
                    if (s.getDueAt() <= now && (next == null || s.getDueAt() < next.getDueAt())) {
                        next = s;
                        campaignId = e.getKey();
                    }
                }
            }
            if (next == null) {
                return;
            }
            CampaignMembership m = memberships.get(campaignId);
            remove(m.getSteps(), next);
            CompiledCampaign c = defs.byId.get(campaignId);
            CampaignEvent event = c == null ? null : c.events.get(next.getEventId());
            if (event == null) {
                continue; // the campaign or the event was deleted since
            }
            if (event.decision()) {
                record(c, event, m, next.getDueAt(), CampaignOutcome.NO, null, "timed out");
                reachAll(c, m, c.children(event, "no"), next.getDueAt());
            } else {
                execute(c, m, event, next.getDueAt());
            }
        }
    }

    /** The contact's own activity: decisions it meets, goals it reaches, forms that are sources. */
    public void event(TrackingEvent event, long now) {
        for (Map.Entry<String, CampaignMembership> e : new ArrayList<>(memberships.entrySet())) {
            CompiledCampaign c = defs.byId.get(e.getKey());
            CampaignMembership m = e.getValue();
            if (c == null || !m.getActive()) {
                continue;
            }
            for (CampaignStep s : new ArrayList<>(m.getSteps())) {
                CampaignEvent d = c.events.get(s.getEventId());
                // Only what the contact did after reaching the decision counts.
                if (s.getWaiting() && d != null && now >= s.getReachedAt() && Decisions.met(d, event)) {
                    remove(m.getSteps(), s);
                    record(c, d, m, now, CampaignOutcome.YES, null, event.getEventId());
                    reachAll(c, m, c.children(d, "yes"), now);
                }
            }
            for (CampaignEvent goal : c.goals) {
                if (m.getActive() && Decisions.met(goal, event)) {
                    exit(c, m, now, goal.id(), "goal " + goal.kind() + " met by " + event.getEventId());
                }
            }
        }
        if (event.getPayload() instanceof FormSubmission form) {
            for (CompiledCampaign c : defs.withFormSource(form.getFormId())) {
                enter(c.id, now, "form " + form.getFormId());
            }
        }
    }

    /** The contact entered or left a segment: campaigns with it as a source take it in, or let it go when it is in none of theirs. */
    public void segmentChanged(String segmentId, boolean entered, Map<String, ?> memberOf, long now) {
        for (CompiledCampaign c : defs.withSegmentSource(segmentId)) {
            if (entered) {
                enter(c.id, now, "segment " + segmentId);
            } else if (c.segmentSources.stream().noneMatch(memberOf::containsKey)) {
                leftSources(c, now, "left segment " + segmentId);
            }
        }
    }

    /** Into the campaign, unless in it already, or back in when it allows re-entry (the next rotation). */
    /** The API's "into" or "out of" a campaign, when {@code event} is one. */
    public void byHand(TrackingEvent event, long now) {
        Map<String, String> request = event.getSource() == Source.API ? ContactActionEvents.properties(event, ContactActionEvents.CAMPAIGN) : null;
        String campaign = request == null ? null : request.get(ContactActionEvents.CAMPAIGN_ID);
        if (campaign == null) {
            return;
        }
        if ("remove".equals(request.get(ContactActionEvents.CAMPAIGN_ACTION))) {
            exit(campaign, now, "by hand " + event.getEventId());
        } else {
            enter(campaign, now, "by hand " + event.getEventId());
        }
    }

    public void enter(String campaignId, long now, String why) {
        CompiledCampaign c = defs.byId.get(campaignId);
        CampaignMembership m = memberships.get(campaignId);
        if (c == null || (m != null && (m.getActive() || !c.rotate))) {
            return;
        }
        m = new CampaignMembership(m == null ? 1 : m.getRotation() + 1, true, now, why, new ArrayList<>());
        memberships.put(campaignId, m);
        contact.log(log(c.id, "", contactId, m.getRotation(), now, CampaignOutcome.ENTERED, null, why));
        reachAll(c, m, c.roots, now);
    }

    /** Out of the campaign by command: what it waited on is dropped. */
    public void exit(String campaignId, long now, String why) {
        CompiledCampaign c = defs.byId.get(campaignId);
        CampaignMembership m = memberships.get(campaignId);
        if (c != null && m != null && m.getActive()) {
            exit(c, m, now, "", why);
        }
    }

    /** The contact is in none of the campaign's source segments any more: out, if a segment brought it in. */
    private void leftSources(CompiledCampaign c, long now, String why) {
        CampaignMembership m = memberships.get(c.id);
        if (m != null && m.getActive() && m.getSource().startsWith("segment ")) {
            exit(c, m, now, "", why);
        }
    }

    private void exit(CompiledCampaign c, CampaignMembership m, long now, String eventId, String why) {
        String detail = m.getSteps().isEmpty() ? why : why + "; dropped " + m.getSteps().size() + " pending";
        m.getSteps().clear();
        m.setActive(false);
        contact.log(log(c.id, eventId, contactId, m.getRotation(), now, CampaignOutcome.EXITED, null, detail));
    }

    private void reachAll(CompiledCampaign c, CampaignMembership m, List<CampaignEvent> events, long at) {
        for (CampaignEvent e : events) {
            if (!m.getActive()) {
                return; // an earlier branch took the contact out
            }
            reach(c, m, e, at);
        }
    }

    /** The contact arrived at {@code event}: a decision starts waiting, the rest run now or are scheduled. */
    private void reach(CompiledCampaign c, CampaignMembership m, CampaignEvent event, long at) {
        if (++steps > MAX_STEPS) {
            record(c, event, m, at, CampaignOutcome.FAILED, null, "more than " + MAX_STEPS + " steps at once: a jump loop?");
            return;
        }
        ZoneId zone = contact.zone(c.zone);
        if (event.decision()) {
            Long timeout = StepTiming.timeoutAt(event.node(), at, zone);
            m.getSteps().add(new CampaignStep(event.id(), at, timeout == null ? Long.MAX_VALUE : timeout, true));
            record(c, event, m, at, CampaignOutcome.TRIGGERED, timeout, null);
            return;
        }
        long due = event.timing().dueAt(at, zone);
        if (due <= at) {
            execute(c, m, event, at);
        } else {
            m.getSteps().add(new CampaignStep(event.id(), at, due, false));
            record(c, event, m, at, CampaignOutcome.SCHEDULED, due, null);
        }
    }

    private void execute(CompiledCampaign c, CampaignMembership m, CampaignEvent event, long at) {
        if (event.condition()) {
            boolean yes = Conditions.yes(event, contact, contact.zone(c.zone), at);
            record(c, event, m, at, yes ? CampaignOutcome.YES : CampaignOutcome.NO, null, null);
            reachAll(c, m, c.children(event, yes ? "yes" : "no"), at);
            return;
        }
        String detail = act(c, m, event, at);
        record(c, event, m, at, CampaignOutcome.EXECUTED, null, detail);
        if ("jump".equals(event.kind())) {
            CampaignEvent target = c.events.get(event.text("to"));
            if (target != null) {
                reach(c, m, target, at);
            }
        }
        reachAll(c, m, c.children(event, null), at);
    }

    /** Carries out an action; the detail for the log. */
    private String act(CompiledCampaign c, CampaignMembership m, CampaignEvent event, long at) {
        String id = DeterministicIds.of(c.id, event.id(), contactId, Integer.toString(m.getRotation()));
        String cause = "campaign " + c.id + "/" + event.id();
        if ("jump".equals(event.kind())) {
            return "to " + event.text("to");
        }
        return ContactActions.run(event.kind(), event.node(), id, at, cause, send(c, event, id, at), contact, this)
                ? id : "unknown action kind " + event.kind();
    }

    private SendCommand.Builder send(CompiledCampaign c, CampaignEvent event, String id, long at) {
        return SendCommand.newBuilder().setCommandId(id).setContactId(contactId).setDueTime(Instant.ofEpochMilli(at))
                .setCreatedTime(Instant.ofEpochMilli(at)).setCampaignId(c.id).setCampaignEventId(event.id());
    }

    private void record(CompiledCampaign c, CampaignEvent event, CampaignMembership m, long at, CampaignOutcome outcome, Long scheduledFor,
                        String detail) {
        contact.log(log(c.id, event.id(), contactId, m.getRotation(), at, outcome, scheduledFor, detail));
    }

    /**
     * This contact was merged into {@code survivor}: each campaign it is in logs it out here; its
     * memberships, pending steps included, go to the survivor with the rest of its profile.
     */
    public void handOver(long now, String survivor) {
        for (Map.Entry<String, CampaignMembership> e : memberships.entrySet()) {
            CampaignMembership m = e.getValue();
            if (m.getActive()) {
                contact.log(log(e.getKey(), "", contactId, m.getRotation(), now, CampaignOutcome.EXITED, null,
                        "merged into " + survivor + (m.getSteps().isEmpty() ? "" : "; " + m.getSteps().size() + " pending handed over")));
            }
        }
    }

    /**
     * The memberships of a contact merged into this one. This contact's own wins when it is in that
     * campaign (or has been and the other is not): a step is never run twice, only carried on.
     */
    public void adopt(Map<String, CampaignMembership> theirs) {
        for (Map.Entry<String, CampaignMembership> e : theirs.entrySet()) {
            CampaignMembership mine = memberships.get(e.getKey());
            if (mine == null || (!mine.getActive() && e.getValue().getActive())) {
                memberships.put(e.getKey(), e.getValue());
            }
        }
    }

    /** The earliest instant a step of any campaign is due, or null. */
    public Long nextDue() {
        Long next = null;
        for (CampaignMembership m : memberships.values()) {
            for (CampaignStep s : m.getSteps()) {
                if (s.getDueAt() != Long.MAX_VALUE && (next == null || s.getDueAt() < next)) {
                    next = s.getDueAt();
                }
            }
        }
        return next;
    }

    /** Memberships of campaigns that no longer exist (deleted or disabled) are dropped. */
    public void dropUndefined() {
        memberships.keySet().removeIf(id -> !defs.byId.containsKey(id));
    }

    /** By position: the lists of a profile read from state are Avro arrays, whose iterators cannot remove. */
    private static void remove(List<CampaignStep> steps, CampaignStep step) {
        int at = steps.indexOf(step);
        if (at >= 0) {
            steps.remove(at);
        }
    }

    static CampaignLogEntry log(String campaign, String event, String contactId, int rotation, long at, CampaignOutcome outcome,
                                Long scheduledFor, String detail) {
        return new CampaignLogEntry(campaign, event, contactId, rotation, Instant.ofEpochMilli(at), outcome,
                scheduledFor == null ? null : Instant.ofEpochMilli(scheduledFor), detail);
    }
}
