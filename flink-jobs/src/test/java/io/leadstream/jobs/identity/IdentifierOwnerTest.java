package io.leadstream.jobs.identity;

import io.leadstream.common.ids.IdentityIds;
import static io.leadstream.common.ids.IdentityIds.anon;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leadstream.schemas.engine.IdentityChange;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdentifierOwnerTest {
    private static final String EMAIL = "email:ann@example.com";
    private KeyedOneInputStreamOperatorTestHarness<String, Claim, IdentityChange> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new IdentifierOwner()),
                claim -> claim.identifier, Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(Claim c) throws Exception {
        harness.processElement(new StreamRecord<>(c, c.time));
    }

    /** "KIND contact <- merged" lines, readable in a failure message. */
    private List<String> changes() {
        List<String> lines = harness.extractOutputValues().stream().map(c -> c.getKind() + " " + c.getContactId()
                + (c.getMergedContactId() == null ? "" : " <- " + c.getMergedContactId())
                + (c.getDeviceId() == null ? "" : " dev " + c.getDeviceId())).toList();
        harness.getOutput().clear();
        return lines;
    }

    @Test
    void firstClaimIdentifiesTheDevicesContact() throws Exception {
        send(new Claim(EMAIL, "d1", 100, "e1", true, false));
        assertEquals(List.of("IDENTIFIED " + anon("d1"), "MERGED " + anon("d1") + " <- " + IdentityIds.forIdentifier(EMAIL),
                "DEVICE_LINKED " + anon("d1") + " dev d1"), changes());
    }

    @Test
    void theEarliestClaimOwnsEvenWhenItArrivesLate() throws Exception {
        send(new Claim(EMAIL, "d2", 200, "e2", true, false));
        changes();
        send(new Claim(EMAIL, "d1", 100, "e1", true, false));
        assertEquals(List.of("IDENTIFIED " + anon("d1"),
                "MERGED " + anon("d1") + " <- " + anon("d2"),
                "MERGED " + anon("d1") + " <- " + IdentityIds.forIdentifier(EMAIL),
                "DEVICE_LINKED " + anon("d1") + " dev d1"), changes());
        send(new Claim(EMAIL, "d3", 300, "e3", true, false));
        assertEquals(List.of("MERGED " + anon("d1") + " <- " + anon("d3"), "DEVICE_LINKED " + anon("d3") + " dev d3"), changes());
    }

    @Test
    void aClickTokenNamingTheDevicesOwnContactLinksWithoutMergingItIntoItself() throws Exception {
        String own = IdentityIds.CONTACT_LINK + ":" + anon("d1");
        harness.processElement(new StreamRecord<>(new Claim(own, "d1", 100, "e1", true, false), 100));
        assertEquals(List.of("DEVICE_LINKED " + anon("d1") + " dev d1"), changes());
        String other = IdentityIds.CONTACT_LINK + ":" + anon("d9");
        harness.processElement(new StreamRecord<>(new Claim(other, "d1", 200, "e2", true, false), 200));
        assertEquals(List.of("MERGED " + anon("d9") + " <- " + anon("d1"), "DEVICE_LINKED " + anon("d1") + " dev d1"), changes());
    }

    @Test
    void aReplayedClaimChangesNothing() throws Exception {
        send(new Claim(EMAIL, "d1", 100, "e1", true, false));
        changes();
        send(new Claim(EMAIL, "d1", 100, "e1", true, false));
        assertEquals(List.of(), changes());
    }

    @Test
    void aDeviceSwitchingToTheIdentifierIsRepointedNotMerged() throws Exception {
        send(new Claim(EMAIL, "d9", 100, "e1", false, false));
        assertEquals(List.of("IDENTIFIED " + IdentityIds.forIdentifier(EMAIL),
                "DEVICE_REPOINTED " + IdentityIds.forIdentifier(EMAIL) + " dev d9"), changes());
        send(new Claim(EMAIL, "d1", 200, "e2", true, false));
        // The identifier's own contact merges into the first device that identified with it.
        assertEquals(List.of("IDENTIFIED " + anon("d1"), "MERGED " + anon("d1") + " <- " + IdentityIds.forIdentifier(EMAIL),
                "DEVICE_LINKED " + anon("d1") + " dev d1"), changes());
    }

    @Test
    void aRetractedOwnerHandsOwnershipToTheNextEarliest() throws Exception {
        send(new Claim(EMAIL, "d1", 100, "e1", true, false));
        send(new Claim(EMAIL, "d2", 200, "e2", true, false));
        changes();
        send(new Claim(EMAIL, "d1", 100, "e1", false, true));
        assertEquals(List.of("IDENTIFIED " + anon("d2"), "MERGED " + anon("d2") + " <- " + IdentityIds.forIdentifier(EMAIL)), changes());
    }

    @Test
    void anErasedOwnerIsForgottenLateClaimsFromBeforeAreDroppedAndANewSignUpStartsAfresh() throws Exception {
        send(new Claim(EMAIL, "d1", 100, "e1", true, false));
        changes();
        send(Claim.erasure(EMAIL, "erasure:x1", 500, "m1"));
        assertEquals(List.of(), changes(), "the erasure itself writes nothing: the gateway deletes the rows");
        send(new Claim(EMAIL, "d2", 300, "e2", true, false)); // from before the erasure, arriving late
        assertEquals(List.of(), changes());
        send(new Claim(EMAIL, "d3", 900, "e3", true, false));
        assertEquals(List.of("IDENTIFIED " + anon("d3"), "MERGED " + anon("d3") + " <- " + IdentityIds.forIdentifier(EMAIL),
                "DEVICE_LINKED " + anon("d3") + " dev d3"), changes(), "d1 is not the owner any more, nor merged into d3's contact");
    }
}
