package io.leadstream.jobs.segments;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.jobs.definitions.DefinitionRecord;
import io.leadstream.jobs.definitions.DefinitionsBroadcast;
import io.leadstream.schemas.engine.PointTriggerFired;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.schemas.engine.SegmentCommand;
import io.leadstream.schemas.engine.SegmentCommandAction;
import io.leadstream.schemas.engine.SegmentMembershipChange;
import io.leadstream.schemas.event.EmailUnsubscribe;
import io.leadstream.schemas.event.EventContext;
import io.leadstream.schemas.event.PageHit;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SegmentEvaluatorTest {
    private static final long DAY = 86_400_000L;
    private static final long T0 = Instant.parse("2026-11-02T10:00:00Z").toEpochMilli();
    private KeyedBroadcastOperatorTestHarness<String, ContactSignal, DefinitionRecord, SegmentMembershipChange> harness;
    private long sequence;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new SegmentEvaluator(),
                ContactSignal::contactId, Types.STRING, DefinitionsBroadcast.STATE);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void segment(String id, String filters) throws Exception {
        harness.processBroadcastElement(new DefinitionRecord("segments", id,
                filters == null ? null : "{\"id\": \"" + id + "\", \"name\": \"" + id + "\", \"filters\": " + filters + "}"), 0);
    }

    private void event(String id, String contact, long time, Map<String, String> fields, Object payload) throws Exception {
        TrackingEvent e = TrackingEvent.newBuilder().setEventId(id).setEventTime(Instant.ofEpochMilli(time))
                .setSource(Source.TRACKER).setContactId(contact).setFields(fields)
                .setContext(EventContext.newBuilder().setTrackable(true).build()).setPayload(payload).build();
        harness.processElement(ContactSignal.of(e), time);
    }

    private void hit(String id, String contact, long time) throws Exception {
        event(id, contact, time, Map.of(), PageHit.newBuilder().setUrl("https://x/" + id).build());
    }

    private void points(String contact, long time, int total) throws Exception {
        harness.processElement(ContactSignal.of(PointsChange.newBuilder().setContactId(contact).setEventTime(Instant.ofEpochMilli(time))
                .setDelta(0).setTotal(total).setActionId("a").setSequence(++sequence).build()), time);
    }

    private List<String> changes() {
        return harness.extractOutputValues().stream()
                .map(c -> c.getContactId() + " " + c.getKind() + " " + c.getSegmentId() + " @" + (c.getEventTime().toEpochMilli() - T0))
                .toList();
    }

    @Test
    void pointsEnterAndLeaveASegment() throws Exception {
        segment("hot", "[{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 50}]");
        points("c1", T0, 60);
        points("c1", T0 + 1, 70);
        points("c1", T0 + 2, 40);
        assertThat(changes()).containsExactly("c1 ENTERED hot @0", "c1 LEFT hot @2");
    }

    @Test
    void aContactLeavesAnActivitySegmentExactlyWhenTheWindowPasses() throws Exception {
        segment("active", "[{\"kind\": \"behavior\", \"behavior\": \"any_event\", \"within\": \"P7D\"}]");
        segment("seen-week", "[{\"kind\": \"last_active\", \"operator\": \"gte\", \"date\": \"-7 days\"}]");
        hit("e1", "c1", T0);
        hit("e2", "c1", T0 + DAY);
        assertThat(changes()).containsExactly("c1 ENTERED active @0", "c1 ENTERED seen-week @0");
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processBroadcastWatermark(Long.MAX_VALUE - 1);
        harness.processWatermark(T0 + 8 * DAY);
        assertThat(changes()).as("one day into the 8th: still active thanks to e2").hasSize(2);
        harness.processWatermark(T0 + 8 * DAY + 1);
        assertThat(changes()).containsExactly("c1 ENTERED active @0", "c1 ENTERED seen-week @0",
                "c1 LEFT active @" + (8 * DAY + 1), "c1 LEFT seen-week @" + (8 * DAY + 1));
        assertThat(harness.numEventTimeTimers()).as("nothing left to wait for").isZero();
    }

    @Test
    void aNestedFilterReadsTheOtherSegmentsMembershipDecidedFirst() throws Exception {
        segment("a-vip", "[{\"kind\": \"segment\", \"segment\": \"z-hot\", \"operator\": \"member\"},"
                + "{\"kind\": \"field\", \"field\": \"country\", \"operator\": \"eq\", \"value\": \"FR\"}]");
        segment("z-hot", "[{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 50}]");
        event("e1", "c1", T0, Map.of("country", "FR"), PageHit.newBuilder().setUrl("https://x").build());
        points("c1", T0 + 1, 80);
        assertThat(changes()).as("z-hot is evaluated before a-vip, which names it")
                .containsExactly("c1 ENTERED z-hot @1", "c1 ENTERED a-vip @1");
    }

    @Test
    void fieldsKeepTheNewestValueByEventTimeAndUnsubscribesSetDoNotContact() throws Exception {
        segment("fr", "[{\"kind\": \"field\", \"field\": \"country\", \"operator\": \"eq\", \"value\": \"FR\"}]");
        segment("reachable", "[{\"kind\": \"dnc\", \"operator\": \"is_not\"}]");
        event("e2", "c1", T0 + 2, Map.of("country", "FR"), PageHit.newBuilder().setUrl("https://x").build());
        event("e1", "c1", T0 + 1, Map.of("country", "DE"), PageHit.newBuilder().setUrl("https://x").build());
        event("e3", "c1", T0 + 3, Map.of(), EmailUnsubscribe.newBuilder().setSendId("s").setEmailId("m").build());
        assertThat(changes()).containsExactly("c1 ENTERED fr @2", "c1 ENTERED reachable @2", "c1 LEFT reachable @3");
    }

    @Test
    void definitionsApplyLiveAndARemovedSegmentIsLeft() throws Exception {
        hit("e1", "c1", T0);
        segment("all", "[{\"kind\": \"behavior\", \"behavior\": \"page_hit\", \"url\": \"*\"}]");
        hit("e2", "c1", T0 + 1);
        assertThat(changes()).as("counting starts with the definition").containsExactly("c1 ENTERED all @1");
        segment("all", null);
        hit("e3", "c1", T0 + 2);
        assertThat(changes()).as("left when the deletion arrives, at the contact's latest signal")
                .containsExactly("c1 ENTERED all @1", "c1 LEFT all @1");
    }

    @Test
    void aNewOrChangedSegmentIsBackfilledOverKnownContactsWithoutNewEvents() throws Exception {
        points("c1", T0, 60);
        points("c2", T0, 10);
        hit("e3", "c3", T0);
        segment("hot", "[{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 50}]");
        assertThat(harness.extractOutputValues()).extracting(c -> c.getContactId() + " " + c.getKind() + " " + c.getReason())
                .containsExactly("c1 ENTERED backfill");
        segment("hot", "[{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 5}]");
        segment("hot", null);
        assertThat(harness.extractOutputValues()).extracting(c -> c.getContactId() + " " + c.getKind() + " " + c.getReason())
                .containsExactlyInAnyOrder("c1 ENTERED backfill", "c2 ENTERED backfill", "c1 LEFT segment removed", "c2 LEFT segment removed");
    }

    private void fired(String contact, long time, String actionsJson) throws Exception {
        harness.processElement(ContactSignal.of(PointTriggerFired.newBuilder().setFiringId("t:" + contact + "@" + time)
                .setContactId(contact).setTriggerId("t").setEventTime(Instant.ofEpochMilli(time)).setScore(100)
                .setActions(actionsJson).build()), time);
    }

    @Test
    void triggerActionsAddAndRemoveByHandOverridingFiltersAndSetTags() throws Exception {
        segment("vip", "[{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 1000}]");
        segment("tagged-hot", "[{\"kind\": \"tags\", \"operator\": \"any\", \"tags\": [\"hot\"]}]");
        points("c1", T0, 10);
        fired("c1", T0 + 1, "[{\"type\": \"segment_add\", \"segment\": \"vip\"}, {\"type\": \"tags_add\", \"tags\": [\"hot\"]},"
                + " {\"type\": \"send_email\", \"email\": \"welcome\"}]");
        assertThat(harness.extractOutputValues()).extracting(c -> c.getKind() + " " + c.getSegmentId() + " " + c.getManual() + " " + c.getReason())
                .containsExactly("ENTERED tagged-hot false trigger t", "ENTERED vip true trigger t");
        points("c1", T0 + 2, 2000);
        fired("c1", T0 + 3, "[{\"type\": \"segment_remove\", \"segment\": \"vip\"}, {\"type\": \"tags_remove\", \"tags\": [\"hot\"]}]");
        assertThat(changes()).as("removed by hand although 2000 points match its filter")
                .containsExactly("c1 ENTERED tagged-hot @1", "c1 ENTERED vip @1", "c1 LEFT tagged-hot @3", "c1 LEFT vip @3");
    }

    private void command(String contact, long time, String segment, SegmentCommandAction action) throws Exception {
        harness.processElement(ContactSignal.of(SegmentCommand.newBuilder().setCommandId("cmd-" + time).setContactId(contact)
                .setSegmentId(segment).setAction(action).setRequestedAt(Instant.ofEpochMilli(time)).build()), time);
    }

    @Test
    void segmentCommandsAddAndRemoveByHandUntilResetHandsTheContactBackToTheFilters() throws Exception {
        segment("hot", "[{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 50}]");
        points("c1", T0, 10);
        command("c1", T0 + 1, "hot", SegmentCommandAction.ADD);
        points("c1", T0 + 2, 60);
        command("c1", T0 + 3, "hot", SegmentCommandAction.REMOVE);
        points("c1", T0 + 4, 70);
        command("c1", T0 + 5, "hot", SegmentCommandAction.RESET);
        command("c1", T0 + 6, "hot", SegmentCommandAction.RESET);
        assertThat(harness.extractOutputValues()).extracting(c -> c.getKind() + " @" + (c.getEventTime().toEpochMilli() - T0)
                        + " " + c.getManual() + " " + c.getReason())
                .as("added at 10 points, kept out at 70, back by its filter after the reset")
                .containsExactly("ENTERED @1 true by hand cmd-" + (T0 + 1), "LEFT @3 true by hand cmd-" + (T0 + 3),
                        "ENTERED @5 false by hand cmd-" + (T0 + 5));
    }

    @Test
    void aBackfillReportsItsProgressPerSubtaskWithTheDefinitionsRevision() throws Exception {
        for (int i = 0; i < 250; i++) {
            points("c" + i, T0, i);
        }
        DefinitionRecord hot = new DefinitionRecord("segments", "hot",
                "{\"id\": \"hot\", \"name\": \"hot\", \"filters\": [{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 200}]}");
        hot.revision = 42;
        harness.processBroadcastElement(hot, 0);
        assertThat(harness.extractOutputValues()).hasSize(50);
        assertThat(harness.getSideOutput(SegmentEvaluator.BACKFILL_PROGRESS)).extracting(r -> r.getValue())
                .extracting(p -> p.segmentId + " r" + p.revision + " " + p.subtask + "/" + p.subtasks + " " + p.contacts + " " + (p.finishedAt != null))
                .containsExactly("hot r42 0/1 0 false", "hot r42 0/1 250 true");
    }

    @Test
    void aBackfillReEvaluatesTheChangedSegmentAndTheSegmentsThatNameIt() throws Exception {
        segment("z-hot", "[{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 50}]");
        segment("a-vip", "[{\"kind\": \"segment\", \"segment\": \"z-hot\", \"operator\": \"member\"}]");
        points("c1", T0, 60);
        segment("z-hot", "[{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 100}]");
        assertThat(harness.extractOutputValues()).extracting(c -> c.getKind() + " " + c.getSegmentId() + " " + c.getReason())
                .containsExactly("ENTERED z-hot points a", "ENTERED a-vip points a", "LEFT z-hot backfill", "LEFT a-vip backfill");
    }
}
