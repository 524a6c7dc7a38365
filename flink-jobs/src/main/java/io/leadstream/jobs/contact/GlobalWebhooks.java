package io.leadstream.jobs.contact;

import io.leadstream.common.ids.DeterministicIds;
import io.leadstream.jobs.definitions.DefinitionJson;
import io.leadstream.jobs.definitions.DefinitionsBroadcast;
import io.leadstream.jobs.timeline.EventKinds;
import io.leadstream.schemas.engine.Channel;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.schemas.engine.SegmentMembershipChange;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.TrackingEvent;
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
 * webhook names (one it received, or a points, segment or stage change its round derived) becomes a
 * webhook send of the contact, which the send workers post, signed, in the contact's order. Its id comes from the event's and the webhook's, so a replay from a checkpoint
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

    record Hook(String id, String url, Set<String> events, Boolean published) {}

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
    void run(TrackingEvent event, long now, String contactId, RoundOutput out) {
        String kind = EventKinds.kind(event.getPayload());
        if (byKind.containsKey(kind)) { // the event's data only for a webhook that wants it: this runs for every event
            send(kind, event.getEventId(), event.getEventTime(), EventKinds.attributes(event.getPayload()), now, contactId, out);
        }
    }

    /** A points change (it comes with nearly every event): its id is the contact's points sequence, the same on a replay. */
    void pointsChanged(PointsChange change, RoundOutput out) {
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
                change.getEventTime().toEpochMilli(), change.getContactId(), out);
    }

    /** A segment entered or left: its id is the segment, the change and its time, the same on a replay. */
    void segmentChanged(SegmentMembershipChange change, RoundOutput out) {
        if (!byKind.containsKey(SEGMENT_CHANGE)) {
            return;
        }
        String kind = change.getKind().name().toLowerCase(Locale.ROOT);
        Map<String, String> data = new LinkedHashMap<>();
        data.put("segment", change.getSegmentId());
        data.put("change", kind);
        data.put("manual", Boolean.toString(change.getManual()));
        send(SEGMENT_CHANGE, change.getContactId() + ":segment:" + change.getSegmentId() + ":" + kind + ":" + change.getEventTime().toEpochMilli(),
                change.getEventTime(), data, change.getEventTime().toEpochMilli(), change.getContactId(), out);
    }

    /** A stage change: its id is the action's that made it, the same on a replay. */
    void stageChanged(String contactId, String stage, String from, String actionId, long at, RoundOutput out) {
        if (!byKind.containsKey(STAGE_CHANGE)) {
            return;
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("stage", stage == null ? "" : stage);
        data.put("from", from == null ? "" : from);
        send(STAGE_CHANGE, actionId, Instant.ofEpochMilli(at), data, at, contactId, out);
    }

    private void send(String kind, String eventId, Instant at, Map<String, String> data, long now, String contactId, RoundOutput out) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put(EVENT, kind);
        attributes.put(EVENT_ID, eventId);
        attributes.put(EVENT_TIME, at.toString());
        attributes.put(DATA, DefinitionJson.write(data));
        for (Hook hook : byKind.get(kind)) {
            Map<String, String> own = new HashMap<>(attributes);
            own.put(WEBHOOK, hook.id());
            out.send(SendCommand.newBuilder().setCommandId(DeterministicIds.of(eventId, KIND, hook.id())).setContactId(contactId)
                    .setChannel(Channel.WEBHOOK).setWebhookUrl(hook.url()).setDueTime(Instant.ofEpochMilli(now))
                    .setCreatedTime(Instant.ofEpochMilli(now)).setAttributes(own).build());
        }
    }
}
