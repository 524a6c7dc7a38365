package io.leadstream.jobs.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.schemas.contact.ContactActionEvents;
import io.leadstream.schemas.engine.SegmentCommandAction;
import io.leadstream.schemas.engine.SegmentMembershipChange;
import io.leadstream.schemas.event.EmailUnsubscribe;
import io.leadstream.schemas.event.FormSubmission;
import io.leadstream.schemas.event.PageHit;
import io.leadstream.schemas.profile.ContactProfile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Segments in the contact processor: filters over the profile, indexed evaluation, time, backfills, membership by hand. */
class ContactSegmentsTest {
    private static final long DAY = 86_400_000L;
    private static final long T0 = Instant.parse("2026-11-02T10:00:00Z").toEpochMilli();
    private ContactHarness h;
    private int adjustments;

    @BeforeEach
    void setUp() throws Exception {
        h = new ContactHarness();
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    private void hit(String contact, long time, String url) throws Exception {
        h.event(contact, time, Map.of(), PageHit.newBuilder().setUrl(url).build());
    }

    /** Sets the contact's total score, as a points adjustment made to it. */
    private void points(String contact, long time, int total) throws Exception {
        ContactProfile p = h.profile(contact);
        int delta = total - (p == null ? 0 : p.getPoints());
        h.event(ContactActionEvents.of("adjust-" + ++adjustments, contact, time, ContactActionEvents.POINTS,
                Map.of(ContactActionEvents.POINTS_DELTA, Integer.toString(delta)), Map.of(), "test"));
    }

    private List<String> changes() {
        return h.changes().stream()
                .map(c -> c.getContactId() + " " + c.getKind() + " " + c.getSegmentId() + " @" + (c.getEventTime().toEpochMilli() - T0))
                .toList();
    }

    private List<String> reasons() {
        return h.changes().stream().map(c -> c.getContactId() + " " + c.getKind() + " " + c.getSegmentId() + " " + c.getReason()).toList();
    }

    @Test
    void pointsEnterAndLeaveASegment() throws Exception {
        h.segment("hot", "[{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 50}]");
        points("c1", T0, 60);
        points("c1", T0 + 1, 70);
        points("c1", T0 + 2, 40);
        assertThat(changes()).containsExactly("c1 ENTERED hot @0", "c1 LEFT hot @2");
    }

    @Test
    void anEventEvaluatesOnlyTheSegmentsThatReadWhatItChanged() throws Exception {
        h.segment("fr", "[{\"kind\": \"field\", \"field\": \"country\", \"operator\": \"eq\", \"value\": \"FR\"}]");
        h.segment("hot", "[{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 50}]");
        h.segment("tagged", "[{\"kind\": \"tags\", \"operator\": \"any\", \"tags\": [\"x\"]}]");
        h.segment("pricing", "[{\"kind\": \"behavior\", \"behavior\": \"page_hit\", \"url\": \"*/pricing*\", \"count\": 1}]");
        h.segment("vip", "[{\"kind\": \"segment\", \"segment\": \"hot\", \"operator\": \"member\"},"
                + " {\"kind\": \"field\", \"field\": \"country\", \"operator\": \"eq\", \"value\": \"FR\"}]");
        h.segment("unread", "[{\"kind\": \"behavior\", \"behavior\": \"email_open\", \"count\": 1, \"operator\": \"lt\"}]");
        long before = h.evaluations();
        hit("c1", T0, "https://x/about");
        assertThat(h.evaluations() - before).as("a new contact: the segments that hold with no facts ('unread'), none reading a hit on /about")
                .isEqualTo(1);

        before = h.evaluations();
        hit("c1", T0, "https://x/blog");
        assertThat(h.evaluations() - before).as("a page hit off every segment's URL pattern: nothing to evaluate").isZero();

        before = h.evaluations();
        hit("c1", T0, "https://x/pricing?plan=pro");
        assertThat(h.evaluations() - before).as("a hit on the pricing page: only 'pricing' counts it").isEqualTo(1);

        before = h.evaluations();
        h.event("c1", T0 + 1, Map.of("country", "FR"), FormSubmission.newBuilder().setFormId("f").setValues(Map.of()).build());
        assertThat(h.evaluations() - before).as("a form with a country: 'fr' and 'vip' read the country").isEqualTo(2);

        before = h.evaluations();
        points("c1", T0 + 2, 60);
        assertThat(h.evaluations() - before).as("points: 'hot', then 'vip' because 'hot' changed").isEqualTo(2);
        assertThat(changes()).containsExactly("c1 ENTERED unread @0", "c1 ENTERED pricing @0", "c1 ENTERED fr @1", "c1 ENTERED hot @2",
                "c1 ENTERED vip @2");

        before = h.evaluations();
        points("c1", T0 + 3, 70);
        assertThat(h.evaluations() - before).as("'hot' again; its answer did not change, so 'vip' is not evaluated").isEqualTo(1);
    }

    @Test
    void aNestedFilterReadsTheOtherSegmentsMembershipDecidedFirst() throws Exception {
        h.segment("a-vip", "[{\"kind\": \"segment\", \"segment\": \"z-hot\", \"operator\": \"member\"},"
                + "{\"kind\": \"field\", \"field\": \"country\", \"operator\": \"eq\", \"value\": \"FR\"}]");
        h.segment("z-hot", "[{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 50}]");
        h.event("c1", T0, Map.of("country", "FR"), PageHit.newBuilder().setUrl("https://x").build());
        points("c1", T0 + 1, 80);
        assertThat(changes()).as("z-hot is evaluated before a-vip, which names it")
                .containsExactly("c1 ENTERED z-hot @1", "c1 ENTERED a-vip @1");
    }

    @Test
    void fieldsKeepTheNewestValueByEventTimeAndUnsubscribesSetDoNotContact() throws Exception {
        h.segment("fr", "[{\"kind\": \"field\", \"field\": \"country\", \"operator\": \"eq\", \"value\": \"FR\"}]");
        h.segment("reachable", "[{\"kind\": \"dnc\", \"operator\": \"is_not\"}]");
        h.event("c1", T0 + 2, Map.of("country", "FR"), PageHit.newBuilder().setUrl("https://x").build());
        h.event("c1", T0 + 1, Map.of("country", "DE"), PageHit.newBuilder().setUrl("https://x").build());
        h.event("c1", T0 + 3, Map.of(), EmailUnsubscribe.newBuilder().setSendId("s").setEmailId("m").build());
        assertThat(changes()).containsExactly("c1 ENTERED fr @2", "c1 ENTERED reachable @2", "c1 LEFT reachable @3");
        assertThat(h.profile("c1").getDoNotContact().get("email").getKind()).isEqualTo("unsubscribed");
    }

    @Test
    void aContactLeavesTimeDependentSegmentsWhenTheirAnswerChangesWithNoEventOfItsOwn() throws Exception {
        h.segment("active", "[{\"kind\": \"behavior\", \"behavior\": \"any_event\", \"within\": \"P7D\"}]");
        h.segment("seen-week", "[{\"kind\": \"last_active\", \"operator\": \"gte\", \"date\": \"-7 days\"}]");
        h.segment("dormant", "[{\"kind\": \"last_active\", \"operator\": \"lt\", \"date\": \"-30 days\"}]");
        hit("c1", T0, "https://x/a");
        hit("c1", T0 + DAY, "https://x/b");
        assertThat(changes()).containsExactly("c1 ENTERED active @0", "c1 ENTERED seen-week @0");
        assertThat(h.timers()).isEqualTo(1);

        h.watermark(T0 + 8 * DAY);
        assertThat(changes()).as("one day into the 8th: still seen this week thanks to the second hit").hasSize(2);
        h.watermark(T0 + 8 * DAY + 1);
        assertThat(changes()).as("last active a week ago, to the millisecond").endsWith("c1 LEFT seen-week @" + (8 * DAY + 1));
        // Behaviour counts whole UTC days: the second hit's day (3 Nov) leaves "within 7 days" at 11 Nov 00:00.
        long midnight = Instant.parse("2026-11-11T00:00:00Z").toEpochMilli();
        h.watermark(midnight - 1);
        assertThat(changes()).hasSize(3);
        h.watermark(midnight);
        assertThat(changes()).endsWith("c1 LEFT active @" + (midnight - T0));
        h.watermark(T0 + 31 * DAY + 1);
        assertThat(changes()).as("no event for 30 days: dormant, by its timer").endsWith("c1 ENTERED dormant @" + (31 * DAY + 1));
        h.watermark(T0 + 400 * DAY);
        assertThat(h.timers()).as("nothing left to wait for").isZero();
    }

    @Test
    void whatChangedWithTimeBeforeAnEventIsDecidedFirstThoughTheTimerHasNotFiredYet() throws Exception {
        h.segment("opened", "[{\"kind\": \"behavior\", \"behavior\": \"email_open\", \"within\": \"P1D\"}]");
        h.event("c1", T0, Map.of(), io.leadstream.schemas.event.EmailOpen.newBuilder().setSendId("s").setEmailId("m").build());
        // The watermark is still at the open when a hit three days later arrives (events run ahead of it):
        // the hit changes no email opens, yet the open left the window on 4 Nov at 00:00.
        hit("c1", T0 + 3 * DAY, "https://x/a");
        assertThat(changes()).containsExactly("c1 ENTERED opened @0",
                "c1 LEFT opened @" + (Instant.parse("2026-11-04T00:00:00Z").toEpochMilli() - T0));
    }

    @Test
    @Timeout(30)
    void theEndOfInputDoesNotRunTimeDependentSegmentsToTheEndOfTime() throws Exception {
        h.segment("today", "[{\"kind\": \"last_active\", \"operator\": \"gte\", \"date\": \"today\"}]");
        hit("c1", T0, "https://x/a");
        assertThat(h.timers()).as("the next midnight").isEqualTo(1);
        h.watermark(Long.MAX_VALUE - 1); // a bounded input ended: every timer fires
        assertThat(h.timers()).as("no midnight after midnight for ever").isZero();
        assertThat(changes()).containsExactly("c1 ENTERED today @0", "c1 LEFT today @" + (Instant.parse("2026-11-03T00:00:00Z").toEpochMilli() - T0));
    }

    @Test
    void aNewBehaviourSegmentCountsWhatContactsDidBeforeItExisted() throws Exception {
        for (int i = 0; i < 3; i++) {
            hit("c1", T0 - (10 - i) * DAY, "https://shop.example/pricing?plan=" + i);
        }
        hit("c2", T0 - 2 * DAY, "https://shop.example/pricing");
        hit("c2", T0 - 40 * DAY, "https://shop.example/pricing");
        hit("c2", T0 - 41 * DAY, "https://shop.example/pricing");
        hit("c3", T0 - DAY, "https://shop.example/about");
        long before = h.evaluations();
        h.define("segments", "pricing-3x", "{\"id\": \"pricing-3x\", \"name\": \"Pricing three times in 30 days\", \"filters\": "
                + "[{\"kind\": \"behavior\", \"behavior\": \"page_hit\", \"url\": \"*/pricing*\", \"within\": \"P30D\", \"count\": 3}]}", 7);
        assertThat(reasons()).as("c2's other visits were more than 30 days ago").containsExactly("c1 ENTERED pricing-3x backfill");
        assertThat(h.evaluations() - before).as("one evaluation per known contact").isEqualTo(3);
        assertThat(h.progress()).extracting(p -> p.segmentId + " r" + p.revision + " " + p.contacts + " " + (p.finishedAt != null))
                .containsExactly("pricing-3x r7 0 false", "pricing-3x r7 3 true");
        // c1's visits leave the window with time: its timer was set by the backfill.
        h.watermark(T0 + 21 * DAY);
        assertThat(reasons()).containsExactly("c1 ENTERED pricing-3x backfill", "c1 LEFT pricing-3x time");
    }

    @Test
    void aChangedOrRemovedSegmentIsBackfilledOverKnownContacts() throws Exception {
        points("c1", T0, 60);
        points("c2", T0, 10);
        hit("c3", T0, "https://x");
        h.segment("z-hot", "[{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 50}]");
        h.segment("a-vip", "[{\"kind\": \"segment\", \"segment\": \"z-hot\", \"operator\": \"member\"}]");
        assertThat(reasons()).containsExactlyInAnyOrder("c1 ENTERED z-hot backfill", "c1 ENTERED a-vip backfill");
        h.segment("z-hot", "[{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 5}]");
        h.segment("z-hot", null);
        assertThat(reasons()).containsExactlyInAnyOrder("c1 ENTERED z-hot backfill", "c1 ENTERED a-vip backfill",
                "c2 ENTERED z-hot backfill", "c2 ENTERED a-vip backfill",
                "c1 LEFT z-hot segment removed", "c2 LEFT z-hot segment removed", "c1 LEFT a-vip backfill", "c2 LEFT a-vip backfill");
    }

    @Test
    void segmentCommandsAddAndRemoveByHandUntilResetHandsTheContactBackToTheFilters() throws Exception {
        h.segment("hot", "[{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 50}]");
        points("c1", T0, 10);
        h.command("c1", "hot", SegmentCommandAction.ADD, T0 + 1);
        points("c1", T0 + 2, 60);
        h.command("c1", "hot", SegmentCommandAction.REMOVE, T0 + 3);
        points("c1", T0 + 4, 70);
        h.command("c1", "hot", SegmentCommandAction.RESET, T0 + 5);
        h.command("c1", "hot", SegmentCommandAction.RESET, T0 + 6);
        assertThat(h.changes()).extracting(c -> c.getKind() + " @" + (c.getEventTime().toEpochMilli() - T0) + " " + c.getManual())
                .as("added at 10 points, kept out at 70, back by its filter after the reset")
                .containsExactly("ENTERED @1 true", "LEFT @3 true", "ENTERED @5 false");
        assertThat(h.profile("c1").getSegments().get("hot").getManual()).isFalse();
    }

    @Test
    void aBackfillReportsItsProgressPerSubtaskWithTheDefinitionsRevision() throws Exception {
        for (int i = 0; i < 250; i++) {
            points("c" + i, T0, i);
        }
        h.define("segments", "hot", "{\"id\": \"hot\", \"name\": \"hot\", \"filters\": [{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 200}]}", 42);
        assertThat(h.changes()).hasSize(50).allMatch(c -> c.getReason().equals("backfill"));
        assertThat(h.progress()).extracting(p -> p.segmentId + " r" + p.revision + " " + p.subtask + "/" + p.subtasks + " " + p.contacts
                        + " " + (p.finishedAt != null))
                .containsExactly("hot r42 0/1 0 false", "hot r42 0/1 250 true");
    }

    @Test
    void tagsFromTheApiAreStoredAndReadByTagFilters() throws Exception {
        h.segment("customers", "[{\"kind\": \"tags\", \"operator\": \"all\", \"tags\": [\"customer\", \"vip\"]}]");
        h.event(api("t1", "c1", T0, Map.of(ContactActionEvents.TAGS_ADD, "vip,customer,lead")));
        h.event(api("t2", "c1", T0 + 1, Map.of(ContactActionEvents.TAGS_REMOVE, "lead")));
        assertThat(h.profile("c1").getTags()).containsExactly("customer", "vip");
        assertThat(h.changes()).extracting(SegmentMembershipChange::getSegmentId).containsExactly("customers");
        assertThat(h.views()).last().satisfies(v -> assertThat(v.getTags()).containsExactly("customer", "vip"));
    }

    private static io.leadstream.schemas.event.TrackingEvent api(String id, String contact, long at, Map<String, String> tags) {
        io.leadstream.schemas.event.TrackingEvent e = ContactActionEvents.of(id, contact, at, ContactActionEvents.TAGS, tags, Map.of(), "api: tags");
        e.setSource(io.leadstream.schemas.event.Source.API);
        return e;
    }
}
