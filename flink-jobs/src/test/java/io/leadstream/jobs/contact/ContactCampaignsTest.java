package io.leadstream.jobs.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.schemas.contact.ContactActionEvents;
import io.leadstream.common.ids.DeterministicIds;
import io.leadstream.schemas.engine.Channel;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.AssetDownload;
import io.leadstream.schemas.event.CustomEvent;
import io.leadstream.schemas.event.EmailClick;
import io.leadstream.schemas.event.EmailOpen;
import io.leadstream.schemas.event.EmailUnsubscribe;
import io.leadstream.schemas.event.FormSubmission;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.schemas.profile.ContactProfile;
import java.time.Instant;
import java.util.Map;
import io.leadstream.jobs.campaigns.LaunchCampaign;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Campaigns in the contact processor: the sales sequence, ids, re-entry, conditions, decisions, actions, timing, merges. */
class ContactCampaignsTest {
    private static final String SALES = "https://shop.example/sales";
    private static final String THANK_YOU = "https://shop.example/thank-you";
    private static final String LAUNCH = LaunchCampaign.JSON;

    private CampaignHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new CampaignHarness();
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void theSalesSequenceSendsExactlyWhatEachContactShouldGetAndWhen() throws Exception {
        h.campaign(LAUNCH);
        for (String c : new String[] {"a", "b", "c", "e"}) {
            h.entered(c, "list", at("2026-11-02T08:00:00Z")); // Monday 09:00 in Paris
        }
        h.visit("a", SALES, at("2026-11-02T14:00:00Z"));
        h.visit("b", SALES, at("2026-11-02T14:00:00Z"));
        h.visit("b", THANK_YOU, at("2026-11-02T16:00:00Z"));
        h.visit("e", SALES, at("2026-11-02T14:00:00Z"));
        h.visit("e", THANK_YOU, at("2026-11-04T10:00:00Z")); // buys after the first email of the sequence
        h.entered("d", "list", at("2026-11-06T09:00:00Z"));
        h.visit("d", SALES + "?utm_source=mass", at("2026-11-07T07:30:00Z")); // Saturday 08:30 in Paris
        h.watermark(at("2026-12-31T00:00:00Z"));

        assertThat(h.emails()).containsExactlyInAnyOrder(
                "a mass 2026-11-02T08:00:00Z",
                // Not bought by Tuesday 15:00 Paris: the next morning window is Wednesday 08:00 Paris.
                "a gain 2026-11-04T07:00:00Z", "a logic 2026-11-05T07:00:00Z", "a fear 2026-11-06T07:00:00Z",
                "b mass 2026-11-02T08:00:00Z",
                "c mass 2026-11-02T08:00:00Z",
                "d mass 2026-11-06T09:00:00Z",
                // First visit on Saturday 08:30: one day later is Sunday 08:30, inside the window.
                "d gain 2026-11-08T07:30:00Z", "d logic 2026-11-09T07:30:00Z", "d fear 2026-11-10T07:30:00Z",
                "e mass 2026-11-02T08:00:00Z", "e gain 2026-11-04T07:00:00Z");
        assertThat(h.log("b")).contains("launch/bought YES", "launch/goal-0 EXITED");
        assertThat(h.log("e")).contains("launch/logic SCHEDULED", "launch/goal-0 EXITED").doesNotContain("launch/logic EXECUTED");
        assertThat(h.log("c")).containsExactly("launch/ ENTERED", "launch/mass EXECUTED", "launch/visited TRIGGERED", "launch/visited NO");
        assertThat(h.timers()).isZero();
    }

    @Test
    void sendIdsAreDerivedFromCampaignEventContactAndRotation() throws Exception {
        h.campaign(LAUNCH.replace("\"timezone\"", "\"reentry\": \"rotate\", \"timezone\""));
        h.entered("a", "list", at("2026-11-02T08:00:00Z"));
        h.left("a", "list", at("2026-11-02T09:00:00Z"));
        h.entered("a", "list", at("2026-11-02T10:00:00Z"));

        assertThat(h.sends()).extracting(SendCommand::getCommandId).containsExactly(
                DeterministicIds.of("launch", "mass", "a", "1"), DeterministicIds.of("launch", "mass", "a", "2"));
        assertThat(h.log("a")).containsExactly("launch/ ENTERED", "launch/mass EXECUTED", "launch/visited TRIGGERED",
                "launch/ EXITED", "launch/ ENTERED", "launch/mass EXECUTED", "launch/visited TRIGGERED");
    }

    @Test
    void theApiPutsAContactIntoACampaignAndTakesItOutButNoTrackedEventCan() throws Exception {
        h.campaign(LAUNCH);
        h.contacts.event(TrackingEvent.newBuilder(ContactActionEvents.of("api-add-1", "a", at("2026-11-02T08:00:00Z").toEpochMilli(),
                ContactActionEvents.CAMPAIGN, Map.of(ContactActionEvents.CAMPAIGN_ID, "launch", ContactActionEvents.CAMPAIGN_ACTION, "add"),
                Map.of(), "test")).setSource(io.leadstream.schemas.event.Source.API).build());
        // The same event from a tracker (a visitor forging it) does nothing.
        h.contacts.event(TrackingEvent.newBuilder(ContactActionEvents.of("forged-1", "b", at("2026-11-02T08:00:00Z").toEpochMilli(),
                ContactActionEvents.CAMPAIGN, Map.of(ContactActionEvents.CAMPAIGN_ID, "launch"), Map.of(), "test"))
                .setSource(io.leadstream.schemas.event.Source.TRACKER).build());
        h.visit("a", SALES, at("2026-11-02T14:00:00Z"));
        h.contacts.event(TrackingEvent.newBuilder(ContactActionEvents.of("api-remove-1", "a", at("2026-11-02T15:00:00Z").toEpochMilli(),
                ContactActionEvents.CAMPAIGN, Map.of(ContactActionEvents.CAMPAIGN_ID, "launch", ContactActionEvents.CAMPAIGN_ACTION, "remove"),
                Map.of(), "test")).setSource(io.leadstream.schemas.event.Source.API).build());
        h.watermark(at("2026-12-31T00:00:00Z"));

        assertThat(h.emails()).containsExactly("a mass 2026-11-02T08:00:00Z");
        assertThat(h.log("a")).startsWith("launch/ ENTERED").endsWith("launch/ EXITED");
        assertThat(h.log("b")).isEmpty();
        assertThat(h.timers()).isZero();
    }

    @Test
    void withoutReentryAContactThatLeftDoesNotComeBack() throws Exception {
        h.campaign(LAUNCH);
        h.entered("a", "list", at("2026-11-02T08:00:00Z"));
        h.left("a", "list", at("2026-11-02T09:00:00Z"));
        h.entered("a", "list", at("2026-11-02T10:00:00Z"));
        assertThat(h.emails()).containsExactly("a mass 2026-11-02T08:00:00Z");
    }

    @Test
    void leavingTheSourceSegmentDropsWhatTheContactWaitedOn() throws Exception {
        h.campaign(LAUNCH);
        h.entered("a", "list", at("2026-11-02T08:00:00Z"));
        h.visit("a", SALES, at("2026-11-02T14:00:00Z"));
        assertThat(h.timers()).isEqualTo(1);
        h.left("a", "list", at("2026-11-02T15:00:00Z"));
        h.watermark(at("2026-12-31T00:00:00Z"));

        assertThat(h.emails()).containsExactly("a mass 2026-11-02T08:00:00Z");
        assertThat(h.entries().get(h.entries().size() - 1).getDetail()).isEqualTo("left segment list; dropped 1 pending");
        assertThat(h.timers()).isZero();
    }

    @Test
    void conditionsReadFieldsPointsSegmentsTagsDoNotContactAndFormValues() throws Exception {
        StringBuilder events = new StringBuilder();
        String[][] conditions = {
                {"country", "\"kind\": \"field\", \"field\": \"country\", \"operator\": \"eq\", \"value\": \"FR\""},
                {"email", "\"kind\": \"valid_email\""},
                {"points", "\"kind\": \"points\", \"operator\": \"gte\", \"value\": 50"},
                {"vip", "\"kind\": \"segment\", \"segment\": \"vip\""},
                {"customer", "\"kind\": \"tags\", \"tags\": [\"customer\"]"},
                {"dnc", "\"kind\": \"dnc\""},
                {"budget", "\"kind\": \"form_field\", \"form\": \"contact-us\", \"field\": \"budget\", \"operator\": \"gt\", \"value\": \"1000\""},
        };
        for (String[] c : conditions) {
            events.append(String.format("""
                    {"id": "%1$s", "type": "condition", %2$s},
                    {"id": "%1$s-yes", "type": "action", "kind": "send_email", "email": "%1$s-yes", "parent": "%1$s", "path": "yes"},
                    {"id": "%1$s-no", "type": "action", "kind": "send_email", "email": "%1$s-no", "parent": "%1$s", "path": "no"},
                    """, c[0], c[1]));
        }
        h.campaign("{\"id\": \"checks\", \"name\": \"Checks\", \"sources\": {\"segments\": [\"list\"]}, \"events\": ["
                + events.substring(0, events.lastIndexOf(",")) + "]}");
        Instant t = at("2026-11-02T08:00:00Z");
        h.event("a", t, Map.of("email", "ann@example.com", "country", "fr"), FormSubmission.newBuilder().setFormId("contact-us")
                .setValues(Map.of("budget", "5000")).build());
        h.points("a", t, 60);
        h.entered("a", "vip", t);
        h.event("a", t, Map.of(), EmailUnsubscribe.newBuilder().setSendId("s").setEmailId("m").build());
        h.entered("a", "list", t.plusSeconds(1));

        assertThat(h.emails()).extracting(s -> s.split(" ")[1]).containsExactlyInAnyOrder(
                "country-yes", "email-yes", "points-yes", "vip-yes", "customer-no", "dnc-yes", "budget-yes");
    }

    @Test
    void decisionsCountOnlyTheContactsOwnActivityAfterReachingThem() throws Exception {
        h.campaign("""
                {"id": "wait", "name": "Wait", "sources": {"forms": ["signup"]}, "events": [
                  {"id": "opened", "type": "decision", "kind": "email_opened", "email": "welcome"},
                  {"id": "clicked", "type": "decision", "kind": "email_clicked", "email": "welcome", "url": "https://x/pricing*"},
                  {"id": "form", "type": "decision", "kind": "form_submitted", "form": "demo"},
                  {"id": "asset", "type": "decision", "kind": "asset_downloaded"},
                  {"id": "opened-yes", "type": "action", "kind": "send_email", "email": "opened-yes", "parent": "opened", "path": "yes"},
                  {"id": "clicked-yes", "type": "action", "kind": "send_email", "email": "clicked-yes", "parent": "clicked", "path": "yes"},
                  {"id": "form-yes", "type": "action", "kind": "send_email", "email": "form-yes", "parent": "form", "path": "yes"},
                  {"id": "asset-yes", "type": "action", "kind": "send_email", "email": "asset-yes", "parent": "asset", "path": "yes"}
                ]}""");
        Instant t = at("2026-11-02T08:00:00Z");
        h.event("a", t, Map.of(), FormSubmission.newBuilder().setFormId("signup").setValues(Map.of()).build());
        h.event("a", t.minusSeconds(60), Map.of(), EmailOpen.newBuilder().setSendId("s").setEmailId("welcome").build()); // before: no
        h.event("a", t.plusSeconds(10), Map.of(), EmailOpen.newBuilder().setSendId("s").setEmailId("welcome").setProxied(true).build());
        h.event("a", t.plusSeconds(20), Map.of(), EmailClick.newBuilder().setSendId("s").setEmailId("welcome").setUrl("https://x/blog").build());
        h.event("a", t.plusSeconds(30), Map.of(), FormSubmission.newBuilder().setFormId("demo").setValues(Map.of()).build(), false);
        assertThat(h.emails()).isEmpty();

        h.event("a", t.plusSeconds(40), Map.of(), EmailOpen.newBuilder().setSendId("s").setEmailId("welcome").build());
        h.event("a", t.plusSeconds(50), Map.of(), EmailClick.newBuilder().setSendId("s").setEmailId("welcome").setUrl("https://x/pricing?a=1").build());
        h.event("a", t.plusSeconds(60), Map.of(), FormSubmission.newBuilder().setFormId("demo").setValues(Map.of()).build());
        h.event("a", t.plusSeconds(70), Map.of(), AssetDownload.newBuilder().setAssetId("guide").build());
        assertThat(h.emails()).extracting(s -> s.split(" ")[1]).containsExactly("opened-yes", "clicked-yes", "form-yes", "asset-yes");
    }

    @Test
    void actionsBecomeCommandsAndContactEventsWithTheirIds() throws Exception {
        h.campaign("""
                {"id": "other", "name": "Other", "sources": {"forms": ["none"]}, "events": [
                  {"id": "hello", "type": "action", "kind": "send_email", "email": "hello"}]}""");
        h.campaign("""
                {"id": "acts", "name": "Acts", "sources": {"segments": ["list"]}, "events": [
                  {"id": "seg", "type": "action", "kind": "segment_add", "segment": "vip"},
                  {"id": "tags", "type": "action", "kind": "tags_add", "tags": ["lead", "warm"], "parent": "seg"},
                  {"id": "field", "type": "action", "kind": "update_field", "field": "stage", "value": "nurture", "parent": "tags"},
                  {"id": "points", "type": "action", "kind": "adjust_points", "points": 5, "group": "product", "parent": "field"},
                  {"id": "dnc", "type": "action", "kind": "dnc_add", "parent": "points"},
                  {"id": "hook", "type": "action", "kind": "webhook", "url": "https://crm.example/hook", "parent": "dnc"},
                  {"id": "more", "type": "action", "kind": "campaign_add", "campaign": "other", "parent": "hook"},
                  {"id": "tagged", "type": "condition", "kind": "tags", "tags": ["warm"], "parent": "more"},
                  {"id": "dnc-now", "type": "condition", "kind": "dnc", "parent": "tagged", "path": "yes"},
                  {"id": "done", "type": "action", "kind": "segment_remove", "segment": "list", "parent": "dnc-now", "path": "yes"}
                ]}""");
        h.contacts.segment("vip", "[]");
        h.entered("a", "list", at("2026-11-02T08:00:00Z"));

        String rot = "1";
        assertThat(h.contacts.changes()).extracting(c -> c.getKind() + " " + c.getSegmentId() + " " + c.getManual())
                .as("segment actions apply at once, by hand")
                .containsExactly("ENTERED list true", "LEFT list true", "ENTERED vip true");
        assertThat(h.contactActions()).extracting(e -> ((CustomEvent) e.getPayload()).getName() + " "
                        + ((CustomEvent) e.getPayload()).getProperties() + " " + e.getFields() + " " + e.getContactId())
                .containsExactly(ContactActionEvents.TAGS + " {add=lead,warm} {} a", ContactActionEvents.FIELDS + " {} {stage=nurture} a",
                        ContactActionEvents.DNC + " {dnc=true} {} a");
        TrackingEvent tags = h.contactActions().get(0);
        assertThat(tags.getEventId()).isEqualTo(DeterministicIds.of("acts", "tags", "a", rot));
        assertThat(tags.getContext().getTrackable()).isFalse();
        assertThat(h.contacts.points()).singleElement().satisfies(p -> {
            assertThat(p.getDelta()).isEqualTo(5);
            assertThat(p.getGroup()).isEqualTo("product");
            assertThat(p.getCauseEventId()).isEqualTo(DeterministicIds.of("acts", "points", "a", rot));
        });
        ContactProfile profile = h.contacts.profile("a");
        assertThat(profile.getTags()).containsExactly("lead", "warm");
        assertThat(profile.getFields().get("stage").getValue()).isEqualTo("nurture");
        assertThat(profile.getGroupPoints()).containsEntry("product", 5);
        assertThat(profile.getDoNotContact()).containsKey("email");
        assertThat(h.sends()).extracting(s -> s.getChannel() + " " + (s.getChannel() == Channel.EMAIL ? s.getEmailId() : s.getWebhookUrl()))
                .containsExactly("WEBHOOK https://crm.example/hook", "EMAIL hello");
        assertThat(h.log("a")).contains("other/ ENTERED", "acts/tagged YES", "acts/dnc-now YES", "acts/done EXECUTED", "acts/ EXITED");
    }

    @Test
    void aJumpLoopWithoutWaitingStopsAndIsLogged() throws Exception {
        h.campaign("""
                {"id": "loop", "name": "Loop", "sources": {"segments": ["list"]}, "events": [
                  {"id": "a1", "type": "action", "kind": "tags_add", "tags": ["x"]},
                  {"id": "j", "type": "action", "kind": "jump", "to": "a1", "parent": "a1"}]}""");
        h.entered("a", "list", at("2026-11-02T08:00:00Z"));
        assertThat(h.log("a")).last().isEqualTo("loop/a1 FAILED");
    }

    @Test
    void aDateStepWaitsForItsDateAndAPassedDateRunsAtOnce() throws Exception {
        h.campaign("""
                {"id": "dated", "name": "Dated", "sources": {"segments": ["list"]}, "events": [
                  {"id": "promo", "type": "action", "kind": "send_email", "email": "promo", "timing": {"mode": "date", "at": "2026-11-27T09:00:00+01:00"}},
                  {"id": "old", "type": "action", "kind": "send_email", "email": "old", "timing": {"mode": "date", "at": "2026-01-01T00:00:00Z"}}]}""");
        h.entered("a", "list", at("2026-11-02T08:00:00Z"));
        assertThat(h.emails()).containsExactly("a old 2026-11-02T08:00:00Z");
        h.watermark(at("2026-11-27T07:59:59Z"));
        assertThat(h.emails()).hasSize(1);
        h.watermark(at("2026-11-27T08:00:00Z"));
        assertThat(h.emails()).containsExactly("a old 2026-11-02T08:00:00Z", "a promo 2026-11-27T08:00:00Z");
    }

    @Test
    void theSendWindowIsInTheContactsOwnZoneWhenItHasOne() throws Exception {
        h.campaign("""
                {"id": "morning", "name": "Morning", "sources": {"segments": ["list"]}, "timezone": "Europe/Paris", "events": [
                  {"id": "hello", "type": "action", "kind": "send_email", "email": "hello", "window": {"from": "08:00", "to": "09:00"}}]}""");
        Instant noon = at("2026-11-02T12:00:00Z");
        h.event("ny", noon, Map.of("_tz", "America/New_York"), EmailOpen.newBuilder().setSendId("s").setEmailId("x").build());
        h.entered("ny", "list", noon);
        h.entered("paris", "list", noon);
        h.watermark(at("2026-11-04T00:00:00Z"));
        assertThat(h.emails()).containsExactlyInAnyOrder(
                "ny hello 2026-11-02T13:00:00Z", // noon UTC is 07:00 in New York (UTC-5): its 08:00 that day
                "paris hello 2026-11-03T07:00:00Z"); // 08:00 in Paris, the campaign's zone
    }

    @Test
    void removalActionsUndoWhatTheAddsDid() throws Exception {
        h.campaign("""
                {"id": "other", "name": "Other", "sources": {"segments": ["list"]}, "events": [
                  {"id": "wait", "type": "decision", "kind": "form_submitted", "form": "never"}]}""");
        h.campaign("""
                {"id": "undo", "name": "Undo", "sources": {"segments": ["list"]}, "events": [
                  {"id": "untag", "type": "action", "kind": "tags_remove", "tags": ["lead"]},
                  {"id": "undnc", "type": "action", "kind": "dnc_remove", "parent": "untag"},
                  {"id": "out", "type": "action", "kind": "campaign_remove", "campaign": "other", "parent": "undnc"}]}""");
        h.entered("a", "list", at("2026-11-02T08:00:00Z"));
        assertThat(h.contactActions()).extracting(e -> ((CustomEvent) e.getPayload()).getProperties().toString())
                .containsExactly("{remove=lead}", "{dnc=false}");
        assertThat(h.log("a")).contains("other/ EXITED");
        assertThat(h.timers()).isZero();
    }

    @Test
    void aMergedContactHandsItsPlaceToTheSurvivorWithNoStepRepeated() throws Exception {
        h.campaign(LAUNCH);
        h.entered("anon", "list", at("2026-11-02T08:00:00Z"));
        h.visit("anon", SALES, at("2026-11-02T14:00:00Z")); // waits for the thank-you page until Tuesday 14:00
        h.merge("anon", "known", at("2026-11-02T15:00:00Z"));
        assertThat(h.log("anon")).last().isEqualTo("launch/ EXITED");
        assertThat(h.handovers()).hasSize(1);
        assertThat(h.handovers().get(0).getProfile().getCampaigns()).containsKey("launch");
        h.deliverHandovers(0);
        h.visit("anon", "https://shop.example/blog", at("2026-11-02T16:00:00Z")); // still the old id: forwarded
        assertThat(h.handovers()).hasSize(2);
        assertThat(h.handovers().get(1).getEvent()).isNotNull();
        h.deliverHandovers(1);
        h.watermark(at("2026-12-31T00:00:00Z"));

        assertThat(h.emails()).containsExactly("anon mass 2026-11-02T08:00:00Z",
                "known gain 2026-11-04T07:00:00Z", "known logic 2026-11-05T07:00:00Z", "known fear 2026-11-06T07:00:00Z");
        assertThat(h.timers()).isZero();
    }

    @Test
    void aSurvivorAlreadyInTheCampaignKeepsItsOwnPlace() throws Exception {
        h.campaign(LAUNCH);
        h.entered("anon", "list", at("2026-11-02T08:00:00Z"));
        h.visit("anon", SALES, at("2026-11-02T14:00:00Z"));
        h.entered("known", "list", at("2026-11-02T09:00:00Z"));
        h.merge("anon", "known", at("2026-11-02T15:00:00Z"));
        h.deliverHandovers(0);
        h.deliverHandovers(0); // a repeat changes nothing
        h.watermark(at("2026-12-31T00:00:00Z"));
        assertThat(h.emails()).containsExactly("anon mass 2026-11-02T08:00:00Z", "known mass 2026-11-02T09:00:00Z");
        assertThat(h.log("known")).containsExactly("launch/ ENTERED", "launch/mass EXECUTED", "launch/visited TRIGGERED", "launch/visited NO");
    }
}
