package io.leadstream.jobs.identity;

import io.leadstream.schemas.event.EmailBounce;
import io.leadstream.schemas.event.EmailClick;
import io.leadstream.schemas.event.EmailOpen;
import io.leadstream.schemas.event.EmailUnsubscribe;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;

/**
 * The contact an event names itself, when that can be believed: an email open, click, unsubscribe or
 * bounce (the gateway took the id from a signed token), an event of the engine's own (a campaign
 * acting on the contact) or of the bearer-protected server API and CSV import. Such an event belongs to that
 * contact whatever device it came from (a mail client has no cookie of ours). A tracker's
 * {@code mtc_id} is not believed: anyone can send one.
 */
final class NamedContact {
    private NamedContact() {}

    /** The named contact, or null when the device decides. */
    static String of(TrackingEvent event) {
        String id = event.getContactId();
        if (id == null || id.isBlank()) {
            return null;
        }
        Object payload = event.getPayload();
        boolean trusted = event.getSource() == Source.ENGINE || event.getSource() == Source.API || event.getSource() == Source.IMPORT
                || payload instanceof EmailOpen || payload instanceof EmailClick || payload instanceof EmailUnsubscribe
                || payload instanceof EmailBounce;
        return trusted ? id : null;
    }
}
