package io.leadstream.jobs.campaigns;

import io.leadstream.jobs.ContactActionEvents;
import io.leadstream.common.ids.DeterministicIds;
import io.leadstream.jobs.definitions.DefinitionJson;
import io.leadstream.schemas.engine.CampaignLogEntry;
import io.leadstream.schemas.engine.CampaignOutcome;
import io.leadstream.schemas.engine.Channel;
import io.leadstream.schemas.engine.SegmentCommand;
import io.leadstream.schemas.engine.SegmentCommandAction;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.TrackingEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;

/**
 * One contact's campaigns while one signal (or timer) is handled: memberships read from state once,
 * changed in memory, written back by {@link #finish}, which also sets the next event-time timer.
 */
final class CampaignRun {
    /** A jump that leads back to itself with no wait would otherwise never stop. */
    static final int MAX_STEPS = 500;

    /** Where commands and contact changes go (side outputs of the stage). */
    record Outputs(Consumer<SendCommand> sends, Consumer<SegmentCommand> segments, Consumer<TrackingEvent> contactActions) {}

    private final CampaignDefinitions defs;
    private final CampaignContact contact;
    private final String contactId;
    private final Collector<CampaignLogEntry> log;
    private final Outputs outputs;
    private final Map<String, Membership> memberships = new HashMap<>();
    private final Set<String> changed = new HashSet<>();
    private int steps;

    CampaignRun(CampaignDefinitions defs, CampaignContact contact, String contactId, Collector<CampaignLogEntry> log, Outputs outputs)
            throws Exception {
        this.defs = defs;
        this.contact = contact;
        this.contactId = contactId;
        this.log = log;
        this.outputs = outputs;
        for (Map.Entry<String, String> e : contact.memberships.entries()) {
            memberships.put(e.getKey(), DefinitionJson.read(e.getValue(), Membership.class));
        }
    }

    /** Runs every step due at or before {@code now}, earliest first, each at its own due time. */
    void due(long now) throws Exception {
        while (true) {
            String campaignId = null;
            Membership.Step next = null;
            for (Map.Entry<String, Membership> e : memberships.entrySet()) {
                for (Membership.Step s : e.getValue().steps) {
                    if (s.dueAt <= now && (next == null || s.dueAt < next.dueAt)) {
                        next = s;
                        campaignId = e.getKey();
                    }
                }
            }
            if (next == null) {
                return;
            }
            Membership m = memberships.get(campaignId);
            m.steps.remove(next);
            changed.add(campaignId);
            CompiledCampaign c = defs.byId.get(campaignId);
            CampaignEvent event = c == null ? null : c.events.get(next.eventId);
            if (event == null) {
                continue; // the campaign or the event was deleted since
            }
            if (event.decision()) {
                record(c, event, m, next.dueAt, CampaignOutcome.NO, null, "timed out");
                reachAll(c, m, c.children(event, "no"), next.dueAt);
            } else {
                execute(c, m, event, next.dueAt);
            }
        }
    }

    /** The contact's own activity: decisions it meets, goals it reaches, forms that are sources. */
    void event(TrackingEvent event, long now) throws Exception {
        for (Map.Entry<String, Membership> e : new ArrayList<>(memberships.entrySet())) {
            CompiledCampaign c = defs.byId.get(e.getKey());
            Membership m = e.getValue();
            if (c == null || !m.active) {
                continue;
            }
            for (Membership.Step s : new ArrayList<>(m.steps)) {
                CampaignEvent d = c.events.get(s.eventId);
                // Only what the contact did after reaching the decision counts.
                if (s.waiting && d != null && now >= s.reachedAt && Decisions.met(d, event)) {
                    m.steps.remove(s);
                    changed.add(c.id);
                    record(c, d, m, now, CampaignOutcome.YES, null, event.getEventId());
                    reachAll(c, m, c.children(d, "yes"), now);
                }
            }
            for (CampaignEvent goal : c.goals) {
                if (m.active && Decisions.met(goal, event)) {
                    exit(c, m, now, goal.id(), "goal " + goal.kind() + " met by " + event.getEventId());
                }
            }
        }
        if (event.getPayload() instanceof io.leadstream.schemas.event.FormSubmission form) {
            for (CompiledCampaign c : defs.withFormSource(form.getFormId())) {
                enter(c.id, now, "form " + form.getFormId());
            }
        }
    }

    /** Into the campaign, unless in it already, or back in when it allows re-entry (the next rotation). */
    void enter(String campaignId, long now, String why) throws Exception {
        CompiledCampaign c = defs.byId.get(campaignId);
        Membership m = memberships.get(campaignId);
        if (c == null || (m != null && (m.active || !c.rotate))) {
            return;
        }
        m = Membership.entered(m == null ? 1 : m.rotation + 1, now, why);
        memberships.put(campaignId, m);
        changed.add(campaignId);
        log.collect(CampaignRunner.log(c.id, "", contactId, m.rotation, now, CampaignOutcome.ENTERED, null, why));
        reachAll(c, m, c.roots, now);
    }

    /** Out of the campaign by command: what it waited on is dropped. */
    void exit(String campaignId, long now, String why) {
        CompiledCampaign c = defs.byId.get(campaignId);
        Membership m = memberships.get(campaignId);
        if (c != null && m != null && m.active) {
            exit(c, m, now, "", why);
        }
    }

    /** The contact is in none of the campaign's source segments any more: out, if a segment brought it in. */
    void leftSources(CompiledCampaign c, long now, String why) {
        Membership m = memberships.get(c.id);
        if (m != null && m.active && m.source.startsWith("segment ")) {
            exit(c, m, now, "", why);
        }
    }

    private void exit(CompiledCampaign c, Membership m, long now, String eventId, String why) {
        String detail = m.steps.isEmpty() ? why : why + "; dropped " + m.steps.size() + " pending";
        m.steps.clear();
        m.active = false;
        changed.add(c.id);
        log.collect(CampaignRunner.log(c.id, eventId, contactId, m.rotation, now, CampaignOutcome.EXITED, null, detail));
    }

    private void reachAll(CompiledCampaign c, Membership m, List<CampaignEvent> events, long at) throws Exception {
        for (CampaignEvent e : events) {
            if (!m.active) {
                return; // an earlier branch took the contact out
            }
            reach(c, m, e, at);
        }
    }

    /** The contact arrived at {@code event}: a decision starts waiting, the rest run now or are scheduled. */
    private void reach(CompiledCampaign c, Membership m, CampaignEvent event, long at) throws Exception {
        if (++steps > MAX_STEPS) {
            record(c, event, m, at, CampaignOutcome.FAILED, null, "more than " + MAX_STEPS + " steps at once: a jump loop?");
            return;
        }
        changed.add(c.id);
        ZoneId zone = contact.zone(c.zone);
        if (event.decision()) {
            Long timeout = StepTiming.timeoutAt(event.node(), at, zone);
            m.steps.add(new Membership.Step(event.id(), at, timeout == null ? Long.MAX_VALUE : timeout, true));
            record(c, event, m, at, CampaignOutcome.TRIGGERED, timeout, null);
            return;
        }
        long due = event.timing().dueAt(at, zone);
        if (due <= at) {
            execute(c, m, event, at);
        } else {
            m.steps.add(new Membership.Step(event.id(), at, due, false));
            record(c, event, m, at, CampaignOutcome.SCHEDULED, due, null);
        }
    }

    private void execute(CompiledCampaign c, Membership m, CampaignEvent event, long at) throws Exception {
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
    private String act(CompiledCampaign c, Membership m, CampaignEvent event, long at) throws Exception {
        String id = DeterministicIds.of(c.id, event.id(), contactId, Integer.toString(m.rotation));
        String cause = "campaign " + c.id + "/" + event.id();
        switch (event.kind()) {
            case "send_email" -> outputs.sends().accept(send(c, event, id, at).setChannel(Channel.EMAIL).setEmailId(event.text("email")).build());
            case "webhook" -> {
                Map<String, String> attributes = new HashMap<>();
                attributes.put("method", event.node().path("method").asText("POST"));
                if (event.node().has("headers")) {
                    attributes.put("headers", event.node().get("headers").toString());
                }
                outputs.sends().accept(send(c, event, id, at).setChannel(Channel.WEBHOOK).setWebhookUrl(event.text("url"))
                        .setAttributes(attributes).build());
            }
            case "segment_add", "segment_remove" -> outputs.segments().accept(SegmentCommand.newBuilder().setCommandId(id).setContactId(contactId)
                    .setSegmentId(event.text("segment")).setAction("segment_add".equals(event.kind()) ? SegmentCommandAction.ADD : SegmentCommandAction.REMOVE)
                    .setRequestedAt(Instant.ofEpochMilli(at)).setSource(cause).build());
            case "campaign_add" -> enter(event.text("campaign"), at, cause);
            case "campaign_remove" -> exit(event.text("campaign"), at, cause);
            case "tags_add", "tags_remove" -> {
                List<String> tags = new ArrayList<>();
                event.node().path("tags").forEach(t -> tags.add(t.asText()));
                for (String t : tags) {
                    if ("tags_add".equals(event.kind())) {
                        contact.tags.put(t, true);
                    } else {
                        contact.tags.remove(t);
                    }
                }
                contactAction(id, at, ContactActionEvents.TAGS,
                        Map.of("tags_add".equals(event.kind()) ? ContactActionEvents.TAGS_ADD : ContactActionEvents.TAGS_REMOVE, String.join(",", tags)),
                        Map.of(), cause);
            }
            case "update_field" -> {
                String field = event.text("field");
                String value = event.node().path("value").asText("");
                if (value.isEmpty()) {
                    contact.fields.remove(field);
                } else {
                    contact.fields.put(field, value);
                }
                contactAction(id, at, ContactActionEvents.FIELDS, Map.of(), Map.of(field, value), cause);
            }
            case "adjust_points" -> {
                Map<String, String> p = new HashMap<>();
                p.put(ContactActionEvents.POINTS_DELTA, event.node().path("points").asText());
                if (event.text("group") != null) {
                    p.put(ContactActionEvents.POINTS_GROUP, event.text("group"));
                }
                contactAction(id, at, ContactActionEvents.POINTS, p, Map.of(), cause);
            }
            case "dnc_add", "dnc_remove" -> {
                boolean dnc = "dnc_add".equals(event.kind());
                contact.doNotContact.update(dnc);
                contactAction(id, at, ContactActionEvents.DNC, Map.of(ContactActionEvents.DNC_VALUE, Boolean.toString(dnc)), Map.of(), cause);
            }
            case "jump" -> {
                return "to " + event.text("to");
            }
            default -> {
                return "unknown action kind " + event.kind();
            }
        }
        return id;
    }

    private SendCommand.Builder send(CompiledCampaign c, CampaignEvent event, String id, long at) {
        return SendCommand.newBuilder().setCommandId(id).setContactId(contactId).setDueTime(Instant.ofEpochMilli(at))
                .setCreatedTime(Instant.ofEpochMilli(at)).setCampaignId(c.id).setCampaignEventId(event.id());
    }

    private void contactAction(String id, long at, String name, Map<String, String> properties, Map<String, String> fields, String cause) {
        outputs.contactActions().accept(ContactActionEvents.of(id, contactId, at, name, properties, fields, cause));
    }

    private void record(CompiledCampaign c, CampaignEvent event, Membership m, long at, CampaignOutcome outcome, Long scheduledFor,
                        String detail) {
        log.collect(CampaignRunner.log(c.id, event.id(), contactId, m.rotation, at, outcome, scheduledFor, detail));
    }

    /**
     * This contact was merged into {@code survivor}: every membership goes with it (as JSON, for the
     * survivor), and each campaign it was in logs it out. Nothing stays here to run.
     */
    Map<String, String> handOver(long now, String survivor) {
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, Membership> e : memberships.entrySet()) {
            Membership m = e.getValue();
            out.put(e.getKey(), DefinitionJson.write(m));
            if (m.active) {
                log.collect(CampaignRunner.log(e.getKey(), "", contactId, m.rotation, now, CampaignOutcome.EXITED, null,
                        "merged into " + survivor + (m.steps.isEmpty() ? "" : "; " + m.steps.size() + " pending handed over")));
            }
        }
        memberships.clear();
        changed.clear();
        return out;
    }

    /**
     * A membership of a contact merged into this one. This contact's own wins when it is in that
     * campaign (or has been and the other is not): a step is never run twice, only carried on.
     */
    void adopt(String campaignId, Membership theirs) {
        Membership mine = memberships.get(campaignId);
        if (mine != null && (mine.active || !theirs.active)) {
            return;
        }
        memberships.put(campaignId, theirs);
        changed.add(campaignId);
    }

    /** The earliest instant a step of any campaign is due, or null. */
    Long nextDue() {
        return memberships.values().stream().map(Membership::nextDue).filter(java.util.Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null);
    }

    /** Writes back what changed and moves the contact's one timer to its earliest due step. */
    void finish(TimerService timers, ValueState<Long> timer) throws Exception {
        for (String id : changed) {
            Membership m = memberships.get(id);
            if (defs.byId.containsKey(id)) {
                contact.memberships.put(id, DefinitionJson.write(m));
            } else {
                contact.memberships.remove(id);
            }
        }
        Long next = nextDue();
        Long current = timer.value();
        if (next != null && next.equals(current)) {
            return;
        }
        if (current != null) {
            timers.deleteEventTimeTimer(current);
        }
        if (next == null) {
            timer.clear();
        } else {
            timers.registerEventTimeTimer(next);
            timer.update(next);
        }
    }
}
