package io.leadstream.schemas.contact;

import io.leadstream.schemas.event.CustomEvent;
import io.leadstream.schemas.event.EventContext;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Changes made to a contact rather than by it: a campaign's or point trigger's "update field", "add
 * tags", "adjust points", "do not contact" (source ENGINE), or tags set through the API (source API).
 * They are events of the contact, so they show in its timeline; not trackable, since someone acting
 * on a contact is not the contact being active. The engine applies its own to the profile at once;
 * the API's travel through raw-events and identity like every event.
 */
public final class ContactActionEvents {
    public static final String FIELDS = "leadstream.fields";
    public static final String TAGS = "leadstream.tags";
    public static final String POINTS = "leadstream.points";
    public static final String DNC = "leadstream.dnc";
    /** Into or out of a campaign by hand (the API): properties {@link #CAMPAIGN_ID} and {@link #CAMPAIGN_ACTION}. */
    public static final String CAMPAIGN = "leadstream.campaign";
    public static final String CAMPAIGN_ID = "campaign";
    /** {@code add} or {@code remove}. */
    public static final String CAMPAIGN_ACTION = "action";
    /** The contact's time zone, when the engine worked it out (from the browser's UTC offset); property {@link #ZONE_NAME}. */
    public static final String ZONE = "leadstream.zone";
    public static final String ZONE_NAME = "timezone";
    /**
     * The contact's lifecycle stage: from the API, a request to set it (property {@link #STAGE_ID}, empty to
     * clear); from the engine, the change made, with the stage it left ({@link #STAGE_FROM}, empty: none).
     */
    public static final String STAGE = "leadstream.stage";
    public static final String STAGE_ID = "stage";
    public static final String STAGE_FROM = "from";
    /** Property of {@link #TAGS}: comma-separated tags to add; {@link #TAGS_REMOVE} to remove. */
    public static final String TAGS_ADD = "add";
    public static final String TAGS_REMOVE = "remove";
    /** Properties of {@link #POINTS}. */
    public static final String POINTS_DELTA = "delta";
    public static final String POINTS_GROUP = "group";
    /** Property of {@link #DNC}: "true" or "false". */
    public static final String DNC_VALUE = "dnc";

    private ContactActionEvents() {}

    /** The event; {@code eventId} deterministic, so a replayed action repeats it rather than adding another. */
    public static TrackingEvent of(String eventId, String contactId, long time, String name, Map<String, String> properties,
                                   Map<String, String> fields, String cause) {
        return TrackingEvent.newBuilder()
                .setEventId(eventId)
                .setEventTime(Instant.ofEpochMilli(time))
                .setContactId(contactId)
                .setSource(Source.ENGINE)
                .setContext(EventContext.newBuilder().setTrackable(false).setNonTrackableReason(cause).build())
                .setFields(fields)
                .setPayload(CustomEvent.newBuilder().setName(name).setProperties(properties).build())
                .build();
    }

    /** The custom event's properties when {@code event} is the engine's or the API's {@code name} action, else null. */
    public static Map<String, String> properties(TrackingEvent event, String name) {
        boolean trusted = event.getSource() == Source.ENGINE || event.getSource() == Source.API;
        return trusted && event.getPayload() instanceof CustomEvent c && name.equals(c.getName()) ? c.getProperties() : null;
    }

    /** Whether the event is a change made to the contact (the engine's or the API's action), not the contact being active. */
    public static boolean isAction(TrackingEvent event) {
        boolean trusted = event.getSource() == Source.ENGINE || event.getSource() == Source.API;
        return trusted && event.getPayload() instanceof CustomEvent c && c.getName().startsWith("leadstream.");
    }

    /** A comma-separated property as its items (none when absent). */
    public static List<String> list(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
