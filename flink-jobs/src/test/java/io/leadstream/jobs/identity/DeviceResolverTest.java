package io.leadstream.jobs.identity;

import io.leadstream.common.ids.IdentityIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadstream.schemas.event.TrackingEvent;
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
        return harness.getSideOutput(DeviceResolver.CLAIMS).stream().map(StreamRecord::getValue).toList();
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
}
