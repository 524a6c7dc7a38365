package io.leadstream.jobs.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.jobs.points.ContactEvents;
import io.leadstream.schemas.engine.Channel;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.TrackingEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A submitted form's actions in the contact processor: in order, without a campaign, once per submission. */
class ContactFormActionsTest {
    private static final String SIGNUP = "{\"id\": \"signup\", \"fields\": [{\"alias\": \"email\", \"type\": \"email\"}], \"actions\": ["
            + "{\"type\": \"segment_add\", \"segment\": \"leads\"},"
            + " {\"type\": \"adjust_points\", \"points\": 25, \"group\": \"interest\"},"
            + " {\"type\": \"tags_add\", \"tags\": [\"signed-up\"]},"
            + " {\"type\": \"update_field\", \"field\": \"lifecycle\", \"value\": \"lead\"},"
            + " {\"type\": \"send_email\", \"email\": \"welcome\"},"
            + " {\"type\": \"webhook\", \"url\": \"https://crm.example.com/in\"},"
            + " {\"type\": \"notify\", \"email\": \"new-lead\", \"to\": [\"sales@shop.example\", \"boss@shop.example\"]}]}";
    private ContactHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new ContactHarness();
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    @Test
    void aSubmissionRunsItsFormsActionsOnceEachWithIdsAReplayRepeats() throws Exception {
        h.define("forms", "signup", SIGNUP);
        h.define("forms", "quiet", "{\"id\": \"quiet\", \"fields\": [{\"alias\": \"email\"}]}");
        h.segment("tagged", "[{\"kind\": \"tags\", \"operator\": \"any\", \"tags\": [\"signed-up\"]}]");
        h.segment("leads", "[{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 1000}]");
        h.event(ContactEvents.page("p1", "c1", 1_000, "https://x/home"));
        h.event(ContactEvents.form("q1", "c1", 1_500, "quiet"));
        assertThat(h.sends()).as("a form without actions does nothing of itself").isEmpty();

        h.event(ContactEvents.form("f1", "c1", 2_000, "signup"));

        assertThat(h.changes()).extracting(c -> c.getKind() + " " + c.getSegmentId() + " " + c.getManual())
                .as("added by the action though its filter does not hold; the tag's segment by its filter")
                .containsExactlyInAnyOrder("ENTERED leads true", "ENTERED tagged false");
        assertThat(h.points()).extracting(c -> c.getDelta() + " " + c.getGroup() + " " + c.getTotal()).containsExactly("25 interest 25");
        assertThat(h.profile("c1").getTags()).containsExactly("signed-up");
        assertThat(h.profile("c1").getFields().get("lifecycle").getValue()).isEqualTo("lead");
        assertThat(h.sends()).extracting(s -> s.getChannel() + " " + (s.getChannel() == Channel.EMAIL ? s.getEmailId() : s.getWebhookUrl()))
                .containsExactly("EMAIL welcome", "WEBHOOK https://crm.example.com/in", "EMAIL new-lead", "EMAIL new-lead");
        assertThat(h.sends().subList(2, 4)).as("a notification per address, transactional, with the results")
                .allSatisfy(s -> assertThat(s.getTransactional()).isTrue())
                .extracting(s -> s.getAttributes().get("notify-to") + " " + s.getAttributes().get("results"))
                .containsExactly("sales@shop.example {}", "boss@shop.example {}");
        assertThat(h.sends()).extracting(SendCommand::getCommandId).doesNotHaveDuplicates();
        assertThat(h.sends().get(1).getAttributes()).containsEntry("form", "signup").containsEntry("submission", "f1")
                .containsEntry("results", "{}").containsEntry("method", "POST");
        assertThat(h.contactActions()).extracting(TrackingEvent::getEventId).as("the tag and field changes reach the store").hasSize(2);

        h.event(ContactEvents.form("f2", "c1", 3_000, "signup"));
        assertThat(h.sends()).as("a second submission is a second run").hasSize(8);
        assertThat(h.points()).extracting(c -> c.getTotal()).containsExactly(25, 50);

        try (ContactHarness replay = new ContactHarness()) {
            replay.define("forms", "signup", SIGNUP);
            replay.event(ContactEvents.page("p1", "c1", 1_000, "https://x/home"));
            replay.event(ContactEvents.form("f1", "c1", 2_000, "signup"));
            assertThat(replay.sends()).extracting(SendCommand::getCommandId).as("the same submission: the same send ids")
                    .isEqualTo(h.sends().subList(0, 4).stream().map(SendCommand::getCommandId).toList());
        }
    }
}
