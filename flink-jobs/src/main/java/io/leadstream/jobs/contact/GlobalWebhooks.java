package io.leadstream.jobs.contact;

import io.leadstream.common.ids.DeterministicIds;
import io.leadstream.jobs.definitions.DefinitionJson;
import io.leadstream.jobs.definitions.DefinitionsBroadcast;
import io.leadstream.jobs.timeline.EventKinds;
import io.leadstream.schemas.engine.Channel;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.TrackingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Global webhooks (definitions of kind {@code webhooks}): each contact event of a kind a published
 * webhook names (one it received, or one its round derived: {@link WebhookedOutput}) becomes a webhook send of the contact, which the send workers post, signed, in the
 * contact's order. Its id comes from the event's and the webhook's, so a replay from a checkpoint
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
    void run(TrackingEvent event, long now, String contactId, Consumer<SendCommand> send) {
        derived(EventKinds.kind(event.getPayload()), event.getEventId(), event.getEventTime(), EventKinds.attributes(event.getPayload()), now,
                contactId, send);
    }

    /**
     * Sends an event the round derived (points changed, a segment entered or left) to every webhook
     * that wants its kind. {@code eventId}: the same when a replay derives it again.
     */
    void derived(String kind, String eventId, Instant at, Map<String, String> data, long now, String contactId, Consumer<SendCommand> send) {
        List<Hook> hooks = byKind.get(kind);
        if (hooks == null) {
            return;
        }
        Map<String, String> attributes = new HashMap<>();
        attributes.put(EVENT, kind);
        attributes.put(EVENT_ID, eventId);
        attributes.put(EVENT_TIME, at.toString());
        attributes.put(DATA, DefinitionJson.write(data));
        for (Hook hook : hooks) {
            Map<String, String> own = new HashMap<>(attributes);
            own.put(WEBHOOK, hook.id());
            send.accept(SendCommand.newBuilder().setCommandId(DeterministicIds.of(eventId, KIND, hook.id())).setContactId(contactId)
                    .setChannel(Channel.WEBHOOK).setWebhookUrl(hook.url()).setDueTime(Instant.ofEpochMilli(now))
                    .setCreatedTime(Instant.ofEpochMilli(now)).setAttributes(own).build());
        }
    }
}
