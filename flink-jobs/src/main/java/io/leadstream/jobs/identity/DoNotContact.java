package io.leadstream.jobs.identity;

import io.leadstream.schemas.contact.ContactActionEvents;
import io.leadstream.schemas.event.BounceKind;
import io.leadstream.schemas.event.EmailBounce;
import io.leadstream.schemas.event.EmailUnsubscribe;
import io.leadstream.schemas.event.TrackingEvent;
import java.util.Map;
import java.util.Optional;

/**
 * What an event says about a contact's do-not-contact (email): an unsubscribe, a hard bounce, a
 * campaign's dnc action. {@code kind}: bounced, unsubscribed or manual (Mautic's reasons).
 */
public record DoNotContact(boolean dnc, String kind, String reason) {
    public static final String BOUNCED = "bounced";
    public static final String UNSUBSCRIBED = "unsubscribed";
    public static final String MANUAL = "manual";

    public static Optional<DoNotContact> of(TrackingEvent e) {
        Object payload = e.getPayload();
        if (payload instanceof EmailUnsubscribe u) {
            return Optional.of(new DoNotContact(true, UNSUBSCRIBED, "unsubscribed from " + u.getEmailId() + (u.getOneClick() ? " (one-click)" : "")));
        }
        if (payload instanceof EmailBounce b && b.getKind() == BounceKind.HARD) {
            return Optional.of(new DoNotContact(true, BOUNCED, "hard bounce" + (b.getDiagnostic() == null ? "" : ": " + b.getDiagnostic())));
        }
        Map<String, String> action = ContactActionEvents.properties(e, ContactActionEvents.DNC);
        if (action != null) {
            return Optional.of(new DoNotContact(Boolean.parseBoolean(action.get(ContactActionEvents.DNC_VALUE)), MANUAL,
                    e.getContext().getNonTrackableReason()));
        }
        return Optional.empty();
    }
}
