package io.leadstream.workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.email.DeliveryStatusReport.Bounce;
import io.leadstream.schemas.event.BounceKind;
import io.leadstream.schemas.event.EmailBounce;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A mailbox's bounce as an event: what the gateway's bounce endpoint publishes, with an id and time a second reading repeats. */
class MailboxBouncesTest {
    private static final Instant ARRIVED = Instant.parse("2026-12-06T07:00:00Z");
    private static final Bounce GONE = new Bounce("gone@example.com", true, "5.1.1", "smtp; 550 5.1.1 User unknown", "send-7");

    @Test
    void aBounceIsTheContactsEmailBounceEventAsTheGatewayWritesIt() {
        TrackingEvent e = MailboxBounces.event(GONE, "c-1", "<dsn-1@mx.example>", ARRIVED);
        assertThat(e.getContactId()).isEqualTo("c-1");
        assertThat(e.getDeviceId()).isNull();
        assertThat(e.getSource()).isEqualTo(Source.EMAIL);
        assertThat(e.getEventTime()).isEqualTo(ARRIVED);
        assertThat(e.getContext().getTrackable()).isFalse();
        assertThat(e.getContext().getNonTrackableReason()).isEqualTo("bounce report");
        assertThat(e.getFields()).isEmpty();
        assertThat(e.getPayload()).isEqualTo(EmailBounce.newBuilder().setSendId("send-7").setAddress("gone@example.com").setKind(BounceKind.HARD)
                .setDiagnostic("5.1.1 smtp; 550 5.1.1 User unknown").build());
    }

    @Test
    void theSameNotificationReadAgainIsTheSameEventAndAnotherIsAnother() {
        TrackingEvent first = MailboxBounces.event(GONE, "c-1", "<dsn-1@mx.example>", ARRIVED);
        assertThat(MailboxBounces.event(GONE, "c-1", "<dsn-1@mx.example>", ARRIVED)).isEqualTo(first);
        assertThat(MailboxBounces.event(GONE, "c-1", "<dsn-2@mx.example>", ARRIVED).getEventId()).isNotEqualTo(first.getEventId());
        Bounce soft = new Bounce("gone@example.com", false, "4.2.2", null, "send-7");
        assertThat(MailboxBounces.event(soft, "c-1", "<dsn-1@mx.example>", ARRIVED).getPayload())
                .extracting(p -> ((EmailBounce) p).getKind()).isEqualTo(BounceKind.SOFT);
    }
}
