package io.leadstream.jobs.identity;

import io.leadstream.common.ids.IdentityIds;
import io.leadstream.schemas.event.EmailClick;
import io.leadstream.schemas.event.TrackingEvent;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What an event says about identity: the first configured unique field it carries (email by
 * default), else the contact of a click token (the device is linked to that contact).
 */
public final class IdentifierClaims implements Serializable {
    private static final long serialVersionUID = 1L;
    private final List<String> fields;

    public IdentifierClaims(String commaSeparatedFields) {
        this.fields = Arrays.stream(commaSeparatedFields.split(",")).map(String::trim).filter(f -> !f.isEmpty()).toList();
    }

    /** The identifier key ({@code field:value} or {@code contact:id}), or null. */
    public String of(TrackingEvent event) {
        Map<String, String> values = event.getFields();
        if (values != null) {
            for (String field : fields) {
                String v = values.get(field);
                if (v != null && !v.isBlank()) {
                    return IdentityIds.identifierKey(field, v);
                }
            }
        }
        if (event.getPayload() instanceof EmailClick && event.getContactId() != null && !event.getContactId().isBlank()) {
            return IdentityIds.CONTACT_LINK + ":" + event.getContactId();
        }
        return null;
    }

    /** Whether the event carries a value of a unique identifier field: its contact is identified. */
    public boolean identifies(TrackingEvent event) {
        Map<String, String> values = event.getFields();
        return values != null && fields.stream().anyMatch(f -> values.get(f) != null && !values.get(f).isBlank());
    }

    /** Raw events are keyed by device; server-side events without one are keyed by their contact. */
    public static String deviceKey(TrackingEvent event) {
        if (event.getDeviceId() != null) {
            return event.getDeviceId();
        }
        return event.getContactId() != null ? IdentityIds.CONTACT_DEVICE + event.getContactId() : "event:" + event.getEventId();
    }
}
