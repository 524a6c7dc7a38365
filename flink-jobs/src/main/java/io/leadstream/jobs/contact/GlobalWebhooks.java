package io.leadstream.jobs.contact;

import io.leadstream.common.ids.DeterministicIds;
import io.leadstream.jobs.definitions.DefinitionJson;
import io.leadstream.jobs.definitions.DefinitionsBroadcast;
import io.leadstream.jobs.timeline.EventKinds;
import io.leadstream.schemas.engine.CampaignLogEntry;
import io.leadstream.schemas.engine.CampaignOutcome;
import io.leadstream.schemas.engine.Channel;
import io.leadstream.schemas.engine.DeliveryResult;
import io.leadstream.schemas.engine.DeliveryStatus;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.schemas.engine.SegmentMembershipChange;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.schemas.profile.ContactProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Global webhooks (definitions of kind {@code webhooks}): each contact event of a kind a published
 * webhook names (one it received, or a points, segment or stage change, a campaign step or a merge its
 * round derived), of a contact in one of the webhook's segments if it names any, becomes a webhook send of the contact, which the send workers post, signed, in the contact's order. Its id comes from the event's and the webhook's, so a replay from a checkpoint
 * sends nothing twice.
 */
record GlobalWebhooks(Map<String, List<Hook>> byKind) {
    static final String KIND = "webhooks";
    /** The attributes a worker builds the call's body from. */
    static final String EVENT = "event";
    static final String EVENT_ID = "eventId";
    static final String EVENT_TIME = "eventTime";
    static final String WEBHOOK = "webhook";
    static final String DATA = "data";
    /** Events the round derives rather than receives. */
    static final String POINTS_CHANGE = "points_change";
    static final String SEGMENT_CHANGE = "segment_change";
    static final String STAGE_CHANGE = "stage_change";

    static final String CAMPAIGN_EVENT = "campaign_event";
    static final String CONTACT_MERGED = "contact_merged";
    static final String CONTACT_UPDATED = "contact_updated";
    static final String CONTACT_DELETED = "contact_deleted";
    static final String EMAIL_SENT = "email_sent";
    /** The campaign outcomes a campaign_event webhook hears of: a step carried out, a condition's or decision's answer, a failure. */
    private static final Set<CampaignOutcome> DONE = Set.of(CampaignOutcome.EXECUTED, CampaignOutcome.YES, CampaignOutcome.NO,
            CampaignOutcome.TRIGGERED, CampaignOutcome.FAILED);

    /** {@code segments}: only for contacts in one of them (none: every contact). */
    record Hook(String id, String url, Set<String> events, Boolean published, Set<String> segments, Integer batch) {
        boolean wants(Set<String> memberOf) {
            return segments == null || segments.isEmpty() || segments.stream().anyMatch(memberOf::contains);
        }
    }

    static GlobalWebhooks from(Iterable<Map.Entry<String, String>> definitions) {
        Map<String, List<Hook>> out = new HashMap<>();
        DefinitionsBroadcast.compile(definitions, KIND, json -> DefinitionJson.read(json, Hook.class)).forEach(h -> {
            if (!Boolean.FALSE.equals(h.published()) && h.url() != null && h.events() != null) {
                h.events().forEach(kind -> out.computeIfAbsent(kind, k -> new ArrayList<>()).add(h));
            }
        });
        return new GlobalWebhooks(Map.copyOf(out));
    }

    /** Sends one of the contact's events to every webhook that wants its kind. */
    void run(TrackingEvent event, long now, String contactId, Set<String> memberOf, RoundOutput out) {
        String kind = EventKinds.kind(event.getPayload());
        if (byKind.containsKey(kind)) { // the event's data only for a webhook that wants it: this runs for every event
            send(kind, event.getEventId(), event.getEventTime(), EventKinds.attributes(event.getPayload()), now, contactId, memberOf, out);
        }
    }

    /** A points change (it comes with nearly every event): its id is the contact's points sequence, the same on a replay. */
    void pointsChanged(PointsChange change, Set<String> memberOf, RoundOutput out) {
        if (!byKind.containsKey(POINTS_CHANGE)) {
            return;
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("delta", Integer.toString(change.getDelta()));
        data.put("total", Integer.toString(change.getTotal()));
        if (change.getGroup() != null) {
            data.put("group", change.getGroup());
        }
        if (change.getCauseEventId() != null) {
            data.put("cause", change.getCauseEventId());
        }
        send(POINTS_CHANGE, change.getContactId() + ":points:" + change.getSequence(), change.getEventTime(), data,
                change.getEventTime().toEpochMilli(), change.getContactId(), memberOf, out);
    }

    /** A segment entered or left: its id is the segment, the change and its time, the same on a replay. */
    void segmentChanged(SegmentMembershipChange change, Set<String> memberOf, RoundOutput out) {
        if (!byKind.containsKey(SEGMENT_CHANGE)) {
            return;
        }
        String kind = change.getKind().name().toLowerCase(Locale.ROOT);
        Map<String, String> data = new LinkedHashMap<>();
        data.put("segment", change.getSegmentId());
        data.put("change", kind);
        data.put("manual", Boolean.toString(change.getManual()));
        send(SEGMENT_CHANGE, change.getContactId() + ":segment:" + change.getSegmentId() + ":" + kind + ":" + change.getEventTime().toEpochMilli(),
                change.getEventTime(), data, change.getEventTime().toEpochMilli(), change.getContactId(), memberOf, out);
    }

    /** A stage change: its id is the action's that made it, the same on a replay. */
    void stageChanged(String contactId, String stage, String from, String actionId, long at, Set<String> memberOf, RoundOutput out) {
        if (!byKind.containsKey(STAGE_CHANGE)) {
            return;
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("stage", stage == null ? "" : stage);
        data.put("from", from == null ? "" : from);
        send(STAGE_CHANGE, actionId, Instant.ofEpochMilli(at), data, at, contactId, memberOf, out);
    }

    /** A campaign step carried out, answered or failed: its id is the step, the rotation and the outcome, the same on a replay. */
    void campaignLogged(CampaignLogEntry entry, Set<String> memberOf, RoundOutput out) {
        if (!byKind.containsKey(CAMPAIGN_EVENT) || !DONE.contains(entry.getOutcome())) {
            return;
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("campaign", entry.getCampaignId());
        data.put("step", entry.getCampaignEventId());
        data.put("outcome", entry.getOutcome().name());
        data.put("rotation", Integer.toString(entry.getRotation()));
        if (entry.getDetail() != null) {
            data.put("detail", entry.getDetail());
        }
        send(CAMPAIGN_EVENT, String.join(":", entry.getContactId(), "campaign", entry.getCampaignId(), entry.getCampaignEventId(),
                Integer.toString(entry.getRotation()), entry.getOutcome().name()), entry.getEventTime(), data,
                entry.getEventTime().toEpochMilli(), entry.getContactId(), memberOf, out);
    }

    /** Another contact merged into this one: its id is the merged contact's, merged once. */
    void contactMerged(String contactId, String mergedId, long at, Set<String> memberOf, RoundOutput out) {
        if (byKind.containsKey(CONTACT_MERGED)) {
            send(CONTACT_MERGED, contactId + ":merged:" + mergedId, Instant.ofEpochMilli(at), Map.of("merged", mergedId), at, contactId, memberOf, out);
        }
    }

    /**
     * Fields a round changed (an event, an action, a merge), as they are now ("" when cleared), are the
     * data: its id is the contact, the time and the fields' names, the same on a replay.
     */
    void contactUpdated(String contactId, Map<String, String> fields, long at, Set<String> memberOf, RoundOutput out) {
        if (!fields.isEmpty() && byKind.containsKey(CONTACT_UPDATED)) {
            send(CONTACT_UPDATED, DeterministicIds.of(contactId, CONTACT_UPDATED, Long.toString(at), String.join(",", fields.keySet())),
                    Instant.ofEpochMilli(at), fields, at, contactId, memberOf, out);
        }
    }

    /** The contact erased: its id is the erasure's; the call carries the contact's id alone, its fields being gone. */
    void contactDeleted(String contactId, String erasureId, long at, Set<String> memberOf, RoundOutput out) {
        if (byKind.containsKey(CONTACT_DELETED)) {
            send(CONTACT_DELETED, contactId + ":deleted:" + erasureId, Instant.ofEpochMilli(at), Map.of(), at, contactId, memberOf, out);
        }
    }

    /**
     * An email the send workers sent: its id is the send's, sent once. A contact merged away since
     * is posted as its survivor, with the memberships it had then (none).
     */
    void emailSent(String contactId, ContactProfile profile, DeliveryResult sent, RoundOutput out) {
        if (profile == null || !isEmailSent(sent) || !byKind.containsKey(EMAIL_SENT)) {
            return;
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("send_id", sent.getCommandId());
        if (sent.getEmailId() != null) {
            data.put("email_id", sent.getEmailId());
        }
        if (sent.getCampaignId() != null) {
            data.put("campaign", sent.getCampaignId());
            data.put("step", sent.getCampaignEventId() == null ? "" : sent.getCampaignEventId());
        }
        data.put("attempts", Integer.toString(sent.getAttempts()));
        String contact = profile.getMergedInto() == null ? contactId : profile.getMergedInto();
        long at = sent.getEventTime().toEpochMilli();
        send(EMAIL_SENT, sent.getCommandId() + ":sent", sent.getEventTime(), data, at, contact, profile.getSegments().keySet(), out);
    }

    static boolean isEmailSent(DeliveryResult result) {
        return result.getStatus() == DeliveryStatus.SENT && result.getChannel() == Channel.EMAIL;
    }

    private void send(String kind, String eventId, Instant at, Map<String, String> data, long now, String contactId, Set<String> memberOf,
                      RoundOutput out) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put(EVENT, kind);
        attributes.put(EVENT_ID, eventId);
        attributes.put(EVENT_TIME, at.toString());
        attributes.put(DATA, DefinitionJson.write(data));
        for (Hook hook : byKind.get(kind)) {
            if (!hook.wants(memberOf)) {
                continue;
            }
            Map<String, String> own = new HashMap<>(attributes);
            own.put(WEBHOOK, hook.id());
            if (hook.batch() != null && hook.batch() > 1) {
                own.put(WebhookBatcher.BATCH, hook.batch().toString()); // WebhookBatches collects it with the webhook's others
            }
            out.send(SendCommand.newBuilder().setCommandId(DeterministicIds.of(eventId, KIND, hook.id())).setContactId(contactId)
                    .setChannel(Channel.WEBHOOK).setWebhookUrl(hook.url()).setDueTime(Instant.ofEpochMilli(now))
                    .setCreatedTime(Instant.ofEpochMilli(now)).setAttributes(own).build());
        }
    }
}
