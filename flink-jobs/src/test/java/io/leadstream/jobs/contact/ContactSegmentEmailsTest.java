package io.leadstream.jobs.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.common.email.SegmentSends;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.PageHit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A segment email's send in the contact processor: started, it queues every addressed member once;
 * a contact who joins later is queued then; none after it is closed; a rate per hour spreads the due
 * times; a merge does not make the person owed it again.
 */
class ContactSegmentEmailsTest {
    private static final long T0 = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
    private static final String NEWS = "{\"id\": \"news\", \"name\": \"News\", \"type\": \"marketing\", \"from\": \"n@shop.example\","
            + " \"subject\": \"Hi\", \"html\": \"<p>x</p>\", \"text\": \"x\", \"segments\": [\"fans\"]}";

    private static String send(String startedAt, String extra) {
        return "{\"email\": \"news\", \"startedAt\": \"" + startedAt + "\"" + extra + "}";
    }

    private static void fan(ContactHarness h, String contact, long at, boolean addressed) throws Exception {
        h.event(contact, at, addressed ? Map.of("email", contact + "@x.example", "team", "fans") : Map.of("team", "fans"),
                PageHit.newBuilder().setUrl("https://shop.example/").build());
    }

    private static List<String> queuedTo(ContactHarness h) {
        return h.sends().stream().filter(s -> "news".equals(s.getEmailId())).map(SendCommand::getContactId).toList();
    }

    @Test
    void membersAreQueuedOnceAtTheStartAndJoinersLaterUntilItIsClosed() throws Exception {
        try (ContactHarness h = new ContactHarness()) {
            h.segment("fans", "[{\"kind\": \"field\", \"field\": \"team\", \"operator\": \"eq\", \"value\": \"fans\"}]");
            h.define("emails", "news", NEWS);
            fan(h, "a", T0, true);
            fan(h, "b", T0 + 1, true);
            fan(h, "anon", T0 + 2, false);
            h.visit("outsider", "https://shop.example/", T0 + 3);
            h.watermark(T0 + 10);
            assertThat(queuedTo(h)).as("nothing before the start").isEmpty();

            h.define(SegmentSends.KIND, "news", send("2026-12-01T10:00:05Z", ""));
            assertThat(queuedTo(h)).containsExactlyInAnyOrder("a", "b");
            SendCommand first = h.sends().get(0);
            assertThat(first.getCommandId()).isEqualTo(SegmentSends.commandId("news", first.getContactId()));
            assertThat(first.getAttributes()).containsEntry(SegmentSends.ATTRIBUTE, "news");
            assertThat(first.getTransactional()).isFalse();

            h.define(SegmentSends.KIND, "news", send("2026-12-01T10:00:05Z", "")); // the record again: nothing new
            fan(h, "a", T0 + 20, true); // a member's next round: already queued
            fan(h, "anon", T0 + 21, true); // gets an address: owed it now
            fan(h, "c", T0 + 22, true); // joins after the start
            assertThat(queuedTo(h)).containsExactlyInAnyOrder("a", "b", "anon", "c");

            h.define(SegmentSends.KIND, "news", send("2026-12-01T10:00:05Z", ", \"closedAt\": \"2026-12-01T10:00:00.030Z\""));
            fan(h, "d", T0 + 40, true);
            assertThat(queuedTo(h)).as("closed: a later joiner gets nothing").doesNotContain("d").hasSize(4);
        }
    }

    @Test
    void aScheduledRateLimitedSendSpreadsItsDueTimesOverTheHours() throws Exception {
        try (ContactHarness h = new ContactHarness()) {
            h.segment("fans", "[{\"kind\": \"field\", \"field\": \"team\", \"operator\": \"eq\", \"value\": \"fans\"}]");
            h.define("emails", "news", NEWS);
            for (int i = 0; i < 5; i++) {
                fan(h, "c" + i, T0 + i, true);
            }
            h.watermark(T0 + 10);
            h.define(SegmentSends.KIND, "news", send("2026-12-01T10:00:05Z", ", \"sendAt\": \"2026-12-02T08:00:00Z\", \"perHour\": 2"));
            long sendAt = Instant.parse("2026-12-02T08:00:00Z").toEpochMilli();
            assertThat(h.sends().stream().map(s -> (s.getDueTime().toEpochMilli() - sendAt) / 3_600_000L).sorted().toList())
                    .containsExactly(0L, 0L, 1L, 1L, 2L);
        }
    }

    @Test
    void aMergedPersonIsNotOwedItAgain() throws Exception {
        try (ContactHarness h = new ContactHarness()) {
            h.segment("fans", "[{\"kind\": \"field\", \"field\": \"team\", \"operator\": \"eq\", \"value\": \"fans\"}]");
            h.define("emails", "news", NEWS);
            fan(h, "a", T0, true);
            h.watermark(T0 + 10);
            h.define(SegmentSends.KIND, "news", send("2026-12-01T10:00:05Z", ""));
            fan(h, "b", T0 + 20, true);
            assertThat(queuedTo(h)).containsExactly("a", "b");
            h.merge("a", "b", T0 + 30);
            h.deliverHandovers(0);
            fan(h, "b", T0 + 40, true);
            assertThat(queuedTo(h)).containsExactly("a", "b");
            assertThat(h.profile("b").getSegmentEmails()).containsExactly("news");
        }
    }
}
