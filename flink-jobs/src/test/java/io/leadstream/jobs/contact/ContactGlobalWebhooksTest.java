package io.leadstream.jobs.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.jobs.points.ContactEvents;
import io.leadstream.schemas.engine.Channel;
import io.leadstream.schemas.engine.DeliveryResult;
import io.leadstream.schemas.engine.DeliveryStatus;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.schemas.gdpr.ErasureMarkers;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Global webhooks in the contact processor: each event of a subscribed kind is a webhook send, once, with the same id on a replay. */
class ContactGlobalWebhooksTest {
    private static final String FEED = "{\"id\": \"crm-feed\", \"name\": \"CRM\", \"url\": \"https://crm.example.com/feed\","
            + " \"events\": [\"form_submission\", \"email_open\"]}";
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
    void eachSubscribedEventIsOneSignedCallOfEachWebhookThatWantsIt() throws Exception {
        h.define("webhooks", "crm-feed", FEED);
        h.define("webhooks", "opens", "{\"id\": \"opens\", \"name\": \"Opens\", \"url\": \"https://bi.example.com/opens\", \"events\": [\"email_open\"]}");
        h.define("webhooks", "off", "{\"id\": \"off\", \"name\": \"Off\", \"url\": \"https://off.example.com\", \"events\": [\"page_hit\"],"
                + " \"published\": false}");
        h.event(ContactEvents.page("p1", "c1", 1_000, "https://x/home"));
        assertThat(h.sends()).as("nobody subscribed to page hits but an unpublished webhook").isEmpty();

        h.event(ContactEvents.form("f1", "c1", 2_000, "signup"));
        h.event(ContactEvents.open("o1", "c1", 3_000, "welcome", false));

        assertThat(h.sends()).extracting(s -> s.getChannel() + " " + s.getWebhookUrl() + " " + s.getAttributes().get("event"))
                .containsExactly("WEBHOOK https://crm.example.com/feed form_submission", "WEBHOOK https://crm.example.com/feed email_open",
                        "WEBHOOK https://bi.example.com/opens email_open");
        assertThat(h.sends().get(0).getAttributes()).containsEntry("webhook", "crm-feed").containsEntry("eventId", "f1")
                .containsEntry("data", "{\"form_id\":\"signup\"}");
        assertThat(h.sends().get(1).getAttributes().get("data")).contains("\"email_id\":\"welcome\"");
        assertThat(h.sends()).extracting(SendCommand::getCommandId).doesNotHaveDuplicates();
        assertThat(h.sends()).allSatisfy(s -> assertThat(s.getContactId()).isEqualTo("c1"));

        try (ContactHarness replay = new ContactHarness()) {
            replay.define("webhooks", "crm-feed", FEED);
            replay.event(ContactEvents.form("f1", "c1", 2_000, "signup"));
            assertThat(replay.sends()).extracting(SendCommand::getCommandId).as("a replayed event: the same send id")
                    .containsExactly(h.sends().get(0).getCommandId());
        }
        assertThat(h.sends()).extracting(SendCommand::getChannel).containsOnly(Channel.WEBHOOK);
    }

    @Test
    void aChangeOfTheContactsFieldsIsOneContactUpdatedCallWithTheFieldsChanged() throws Exception {
        String updates = "{\"id\": \"crm-sync\", \"name\": \"CRM sync\", \"url\": \"https://crm.example.com/contacts\","
                + " \"events\": [\"contact_updated\"]}";
        h.define("webhooks", "crm-sync", updates);
        h.event(withFields(ContactEvents.form("f1", "c1", 2_000, "signup"), Map.of("email", "ann@shop.example", "firstname", "Ann")));
        h.event(withFields(ContactEvents.form("f2", "c1", 3_000, "signup"), Map.of("email", "ann@shop.example", "firstname", "Ann")));
        h.event(ContactEvents.page("p1", "c1", 4_000, "https://x/home"));
        h.event(withFields(ContactEvents.form("f3", "c1", 5_000, "signup"), Map.of("email", "ann@shop.example", "firstname", "Annie")));

        assertThat(h.sends()).extracting(s -> s.getAttributes().get("event") + " " + s.getAttributes().get("data"))
                .as("once per change: the same values again and a page hit change nothing")
                .containsExactly("contact_updated {\"email\":\"ann@shop.example\",\"firstname\":\"Ann\"}",
                        "contact_updated {\"firstname\":\"Annie\"}");
        try (ContactHarness replay = new ContactHarness()) {
            replay.define("webhooks", "crm-sync", updates);
            replay.event(withFields(ContactEvents.form("f1", "c1", 2_000, "signup"), Map.of("email", "ann@shop.example", "firstname", "Ann")));
            assertThat(replay.sends()).extracting(SendCommand::getCommandId).as("a replayed change: the same send id")
                    .containsExactly(h.sends().get(0).getCommandId());
        }
    }

    @Test
    void anErasedContactIsOneContactDeletedCallAndThenNothingMore() throws Exception {
        h.define("webhooks", "crm-sync", "{\"id\": \"crm-sync\", \"name\": \"CRM sync\", \"url\": \"https://crm.example.com/contacts\","
                + " \"events\": [\"contact_deleted\", \"page_hit\"]}");
        h.event(ContactEvents.page("p1", "c1", 1_000, "https://x/home"));
        h.event(ErasureMarkers.contact("x1", "c1", Instant.ofEpochMilli(2_000)));
        h.event(ErasureMarkers.contact("x1", "c1", Instant.ofEpochMilli(2_000)));
        h.event(ContactEvents.page("p2", "c1", 3_000, "https://x/late"));
        h.event(ErasureMarkers.contact("x2", "never-seen", Instant.ofEpochMilli(2_000)));

        assertThat(h.sends()).extracting(s -> s.getContactId() + " " + s.getAttributes().get("event") + " " + s.getAttributes().get("data"))
                .as("the erasure once, a replayed marker and a late event nothing, an unknown contact nothing")
                .containsExactly("c1 page_hit {}", "c1 contact_deleted {}");
    }

    @Test
    void anEmailTheWorkersSentIsOneEmailSentCallOfItsContactOrItsSurvivor() throws Exception {
        h.define("webhooks", "sent", "{\"id\": \"sent\", \"name\": \"Sent\", \"url\": \"https://crm.example.com/sent\","
                + " \"events\": [\"email_sent\"]}");
        h.event(ContactEvents.page("p1", "c1", 1_000, "https://x/home"));
        h.event(ContactEvents.page("p2", "c2", 1_000, "https://x/home"));
        h.delivered(result("s1", "c1", DeliveryStatus.SENT, Channel.EMAIL));
        h.delivered(result("s2", "c1", DeliveryStatus.FAILED, Channel.EMAIL));
        h.delivered(result("s3", "c1", DeliveryStatus.SENT, Channel.WEBHOOK));
        h.delivered(result("s4", "never-seen", DeliveryStatus.SENT, Channel.EMAIL));
        h.merge("c2", "c1", 4_000);
        h.delivered(result("s5", "c2", DeliveryStatus.SENT, Channel.EMAIL));

        assertThat(h.sends()).extracting(s -> s.getContactId() + " " + s.getAttributes().get("event") + " " + s.getAttributes().get("eventId"))
                .as("emails sent only, not failures, webhook calls or unknown contacts; a merged contact's as its survivor's")
                .containsExactly("c1 email_sent s1:sent", "c1 email_sent s5:sent");
        assertThat(h.sends().get(0).getAttributes().get("data"))
                .isEqualTo("{\"send_id\":\"s1\",\"email_id\":\"welcome\",\"campaign\":\"onboarding\",\"step\":\"send-welcome\",\"attempts\":\"1\"}");
    }

    private static DeliveryResult result(String sendId, String contact, DeliveryStatus status, Channel channel) {
        return DeliveryResult.newBuilder().setCommandId(sendId).setContactId(contact).setEventTime(Instant.ofEpochMilli(3_000))
                .setStatus(status).setAttempts(1).setChannel(channel).setEmailId("welcome").setCampaignId("onboarding")
                .setCampaignEventId("send-welcome").build();
    }

    private static TrackingEvent withFields(TrackingEvent e, Map<String, String> fields) {
        e.setFields(new HashMap<>(fields));
        return e;
    }

    @Test
    void pointsChangedAndSegmentsEnteredAreEventsAWebhookCanSubscribeTo() throws Exception {
        String derived = "{\"id\": \"scores\", \"name\": \"Scores\", \"url\": \"https://crm.example.com/scores\","
                + " \"events\": [\"points_change\", \"segment_change\"]}";
        String signup = "{\"id\": \"signup\", \"fields\": [{\"alias\": \"email\"}], \"actions\": ["
                + "{\"type\": \"adjust_points\", \"points\": 25}, {\"type\": \"segment_add\", \"segment\": \"leads\"}]}";
        h.define("webhooks", "scores", derived);
        h.define("forms", "signup", signup);
        h.segment("leads", "[{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 1000}]");
        h.event(ContactEvents.form("f1", "c1", 2_000, "signup"));

        assertThat(h.sends()).extracting(s -> s.getAttributes().get("event") + " " + s.getAttributes().get("data"))
                .hasSize(2).anySatisfy(d -> assertThat(d).startsWith("points_change {\"delta\":\"25\",\"total\":\"25\",\"cause\":"))
                .contains("segment_change {\"segment\":\"leads\",\"change\":\"entered\",\"manual\":\"true\"}");
        try (ContactHarness replay = new ContactHarness()) {
            replay.define("webhooks", "scores", derived);
            replay.define("forms", "signup", signup);
            replay.segment("leads", "[{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 1000}]");
            replay.event(ContactEvents.form("f1", "c1", 2_000, "signup"));
            assertThat(replay.sends()).extracting(SendCommand::getCommandId).as("derived again on a replay: the same ids")
                    .containsExactlyInAnyOrderElementsOf(h.sends().stream().map(SendCommand::getCommandId).toList());
        }
    }

    @Test
    void aWebhookLimitedToASegmentHearsOnlyOfItsMembersAndOfTheirCampaignStepsAndMerges() throws Exception {
        h.segment("vips", "[{\"kind\": \"tags\", \"operator\": \"any\", \"tags\": [\"vip\"]}]");
        h.define("webhooks", "vip-feed", "{\"id\": \"vip-feed\", \"name\": \"VIPs\", \"url\": \"https://crm.example.com/vips\","
                + " \"events\": [\"page_hit\", \"campaign_event\", \"contact_merged\"], \"segments\": [\"vips\"]}");
        h.define("forms", "vip", "{\"id\": \"vip\", \"fields\": [{\"alias\": \"email\"}], \"actions\": [{\"type\": \"tags_add\", \"tags\": [\"vip\"]}]}");
        h.campaign("{\"id\": \"welcome\", \"name\": \"Welcome\", \"sources\": {\"segments\": [\"vips\"]}, \"events\": ["
                + "{\"id\": \"tag\", \"type\": \"action\", \"kind\": \"tags_add\", \"tags\": [\"welcomed\"]}]}");

        h.event(ContactEvents.page("p1", "c1", 1_000, "https://x/home"));
        assertThat(h.sends()).as("not a VIP yet").isEmpty();
        h.event(ContactEvents.form("f1", "c1", 2_000, "vip"));
        h.event(ContactEvents.page("p2", "c1", 3_000, "https://x/home"));
        h.event(ContactEvents.page("p3", "other", 3_000, "https://x/home"));
        h.event(ContactEvents.page("p4", "c2", 3_500, "https://x/home"));
        h.merge("c2", "c1", 4_000);
        h.deliverHandovers(0);

        assertThat(h.sends()).extracting(s -> s.getContactId() + " " + s.getAttributes().get("event") + " " + s.getAttributes().get("eventId"))
                .as("c1's page hit before it was a VIP, the other contact's, c2's: none").containsExactly("c1 campaign_event c1:campaign:welcome:tag:1:EXECUTED",
                        "c1 page_hit p2", "c1 contact_merged c1:merged:c2");
        assertThat(h.sends().get(0).getAttributes().get("data")).startsWith("{\"campaign\":\"welcome\",\"step\":\"tag\",\"outcome\":\"EXECUTED\",\"rotation\":\"1\"");
        assertThat(h.sends().get(2).getAttributes().get("data")).isEqualTo("{\"merged\":\"c2\"}");
        assertThat(h.sends()).extracting(SendCommand::getCommandId).doesNotHaveDuplicates();
    }
}
