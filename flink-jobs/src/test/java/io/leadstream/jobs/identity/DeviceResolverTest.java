package io.leadstream.jobs.identity;

import io.leadstream.common.ids.IdentityIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.schemas.gdpr.ErasureMarkers;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeviceResolverTest {
    private KeyedOneInputStreamOperatorTestHarness<String, TrackingEvent, TrackingEvent> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DeviceResolver(new IdentifierClaims("email"))),
                IdentifierClaims::deviceKey, Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(TrackingEvent e) throws Exception {
        harness.processElement(new StreamRecord<>(e, e.getEventTime().toEpochMilli()));
    }

    private List<TrackingEvent> events() {
        return harness.extractOutputValues();
    }

    private List<Claim> claims() {
        var claims = harness.getSideOutput(DeviceResolver.CLAIMS);
        return claims == null ? List.of() : claims.stream().map(StreamRecord::getValue).toList(); // null: none were ever sent
    }

    @Test
    void eventsWaitForTheWatermarkThenGoToTheDevicesBaseContact() throws Exception {
        send(Events.hit("e1", "d1", 100, null));
        harness.processWatermark(99);
        assertTrue(events().isEmpty(), "held until the watermark passes the event");
        assertEquals(1, harness.numEventTimeTimers());
        harness.processWatermark(100);
        assertEquals(1, events().size());
        assertEquals(IdentityIds.anon("d1"), events().get(0).getContactId());
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    void firstIdentifierIsDecidedByEventTimeNotArrival() throws Exception {
        send(Events.hit("e2", "d1", 300, "b@example.com"));
        send(Events.hit("e1", "d1", 200, "A@Example.com "));
        send(Events.hit("e3", "d1", 400, null));
        harness.processWatermark(500);
        List<Claim> claims = claims();
        assertEquals(List.of(
                new Claim("email:a@example.com", "d1", 200, "e1", true, false),
                new Claim("email:b@example.com", "d1", 300, "e2", false, false)), claims);
        List<String> contacts = events().stream().map(TrackingEvent::getContactId).toList();
        // Before the switch: the base contact (it merges into a's owner); after: re-pointed to b's contact.
        assertEquals(List.of(IdentityIds.anon("d1"), IdentityIds.forIdentifier("email:b@example.com"),
                IdentityIds.forIdentifier("email:b@example.com")), contacts);
    }

    @Test
    void aLateEarlierClaimRetractsTheFirstIdentifier() throws Exception {
        harness.processWatermark(1000);
        send(Events.hit("e1", "d1", 2000, "a@example.com"));
        harness.processWatermark(2000);
        send(Events.hit("e0", "d1", 500, "b@example.com")); // behind the watermark: late
        assertEquals(List.of(
                new Claim("email:a@example.com", "d1", 2000, "e1", true, false),
                new Claim("email:a@example.com", "d1", 2000, "e1", false, true),
                new Claim("email:b@example.com", "d1", 500, "e0", true, false)), claims());
        assertEquals(2, events().size());
    }

    @Test
    void repeatingTheSameIdentifierSendsNoNewClaim() throws Exception {
        send(Events.hit("e1", "d1", 100, "a@example.com"));
        send(Events.hit("e2", "d1", 200, "a@example.com"));
        harness.processWatermark(300);
        assertEquals(1, claims().size());
        assertEquals(List.of(IdentityIds.anon("d1"), IdentityIds.anon("d1")),
                events().stream().map(TrackingEvent::getContactId).toList());
    }

    @Test
    void anErasedDeviceForgetsItsWaitingEventsAndDropsEveryLaterOne() throws Exception {
        send(Events.hit("e1", "d1", 100, "a@example.com")); // waiting for the watermark
        send(ErasureMarkers.device("x1", "d1", Instant.ofEpochMilli(150)));
        assertEquals(0, harness.numEventTimeTimers(), "the waiting event goes with its timer");
        send(Events.hit("e2", "d1", 200, "a@example.com")); // the erased device comes back
        harness.processWatermark(1000);
        send(Events.hit("e3", "d1", 50, null)); // and a late one from before
        assertTrue(events().isEmpty(), "nothing of an erased device comes out");
        assertTrue(claims().isEmpty());
        send(Events.hit("e4", "d2", 1100, null));
        harness.processWatermark(1100);
        assertEquals(List.of(IdentityIds.anon("d2")), events().stream().map(TrackingEvent::getContactId).toList(), "other devices go on");
    }

    @Test
    void aContactMarkerGoesOnToTheContactStagesAndAnIdentifierMarkerBecomesAnErasingClaim() throws Exception {
        TrackingEvent contact = ErasureMarkers.contact("x1", "a-123", Instant.ofEpochMilli(100));
        send(contact);
        assertEquals(List.of(contact), events(), "at once, not held for the watermark");
        send(Events.api("e1", "a-123", 200)); // a server-side event naming the erased contact
        harness.processWatermark(1000);
        assertEquals(1, events().size());
        TrackingEvent identifier = ErasureMarkers.identifier("x1", "email", "A@example.com", Instant.ofEpochMilli(100));
        send(identifier);
        assertEquals(List.of(Claim.erasure("email:a@example.com", "erasure:x1", 100, identifier.getEventId())), claims());
        send(Events.hit("e2", "erasure:x1", 2000, null));
        harness.processWatermark(2000);
        assertEquals(2, events().size(), "the identifier marker's own key is no device: nothing is tombstoned there");
    }
}
