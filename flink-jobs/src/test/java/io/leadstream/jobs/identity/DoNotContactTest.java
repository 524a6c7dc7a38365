package io.leadstream.jobs.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.schemas.contact.ContactActionEvents;
import io.leadstream.schemas.event.BounceKind;
import io.leadstream.schemas.event.EmailBounce;
import io.leadstream.schemas.event.EmailUnsubscribe;
import io.leadstream.schemas.event.TrackingEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DoNotContactTest {
    private static TrackingEvent event(Object payload) {
        TrackingEvent e = Events.hit("e1", "dev", Instant.parse("2026-11-02T10:00:00Z").toEpochMilli(), null);
        e.setPayload(payload);
        return e;
    }

    @Test
    void unsubscribesHardBouncesAndCampaignActionsDecideAndNothingElseDoes() {
        assertThat(DoNotContact.of(event(EmailUnsubscribe.newBuilder().setSendId("s").setEmailId("news").setOneClick(true).build())))
                .contains(new DoNotContact(true, DoNotContact.UNSUBSCRIBED, "unsubscribed from news (one-click)"));
        assertThat(DoNotContact.of(event(EmailBounce.newBuilder().setAddress("a@x.example").setKind(BounceKind.HARD).setDiagnostic("550 no such user").build())))
                .contains(new DoNotContact(true, DoNotContact.BOUNCED, "hard bounce: 550 no such user"));
        assertThat(DoNotContact.of(event(EmailBounce.newBuilder().setAddress("a@x.example").setKind(BounceKind.SOFT).build()))).isEmpty();
        assertThat(DoNotContact.of(ContactActionEvents.of("id", "c1", 0, ContactActionEvents.DNC, Map.of(ContactActionEvents.DNC_VALUE, "false"),
                Map.of(), "campaign c/undnc"))).contains(new DoNotContact(false, DoNotContact.MANUAL, "campaign c/undnc"));
        assertThat(DoNotContact.of(Events.hit("e2", "dev", 0, null))).isEmpty();
    }
}
