package io.leadstream.jobs.contact;

import static io.leadstream.jobs.points.ContactEvents.DAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.jobs.points.ContactEvents;
import io.leadstream.schemas.engine.PointTriggerFired;
import io.leadstream.schemas.engine.SendCommand;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Point actions and triggers in the contact processor: rules, groups, edge-wise triggers and what their actions do. */
class ContactPointsTest {
    private static final String PRICING = "https://shop.example.com/pricing*";
    private ContactHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new ContactHarness();
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    private void define(String kind, String id, String json) throws Exception {
        h.define(kind, id, json);
    }

    private void action(String id, String json) throws Exception {
        define("point-actions", id, json.replace("{", "{\"id\": \"" + id + "\", \"name\": \"" + id + "\", "));
    }

    private List<String> changes() {
        return h.points().stream()
                .map(c -> c.getContactId() + " " + c.getActionId() + " " + (c.getDelta() > 0 ? "+" : "") + c.getDelta()
                        + " = " + c.getTotal() + (c.getGroup() == null ? "" : " in " + c.getGroup()))
                .toList();
    }

    private List<PointTriggerFired> fired() {
        return h.fired();
    }

    @Test
    void aPageHitScoresOncePerContactUnlessRepeatable() throws Exception {
        action("pricing", "{\"type\": \"page_hit\", \"url\": \"" + PRICING + "\", \"points\": 10}");
        action("blog", "{\"type\": \"page_hit\", \"url\": \"*/blog/*\", \"points\": 2, \"repeatable\": true}");
        h.event(ContactEvents.page("e1", "c1", 1_000, "https://shop.example.com/pricing?plan=pro"));
        h.event(ContactEvents.page("e2", "c1", 2_000, "https://SHOP.example.com/Pricing"));
        h.event(ContactEvents.page("e3", "c1", 3_000, "https://shop.example.com/blog/a"));
        h.event(ContactEvents.page("e4", "c1", 4_000, "https://shop.example.com/blog/b"));
        h.event(ContactEvents.page("e5", "c2", 5_000, "https://shop.example.com/pricing"));
        h.event(ContactEvents.page("e6", "c1", 6_000, "https://shop.example.com/about"));
        assertThat(changes()).containsExactly("c1 pricing +10 = 10", "c1 blog +2 = 12", "c1 blog +2 = 14", "c2 pricing +10 = 10");
    }

    @Test
    void pageHitRulesFirstTimeNthHitAndReturns() throws Exception {
        action("first", "{\"type\": \"page_hit\", \"url\": \"*/docs*\", \"points\": 1, \"rule\": \"first_time\", \"repeatable\": true}");
        action("third", "{\"type\": \"page_hit\", \"url\": \"*/docs*\", \"points\": 3, \"rule\": \"hits\", \"hits\": 3}");
        action("every2", "{\"type\": \"page_hit\", \"url\": \"*/docs*\", \"points\": 2, \"rule\": \"hits\", \"hits\": 2, \"repeatable\": true}");
        action("back-soon", "{\"type\": \"page_hit\", \"url\": \"*/docs*\", \"points\": 5, \"rule\": \"returns_within\", \"window\": \"P1D\", \"repeatable\": true}");
        action("back-later", "{\"type\": \"page_hit\", \"url\": \"*/docs*\", \"points\": 7, \"rule\": \"returns_after\", \"window\": \"P1W\", \"repeatable\": true}");
        h.event(ContactEvents.page("e1", "c1", 0, "https://x/docs"));
        h.event(ContactEvents.page("e2", "c1", DAY / 2, "https://x/docs"));
        h.event(ContactEvents.page("e3", "c1", 10 * DAY, "https://x/docs"));
        h.event(ContactEvents.page("e4", "c1", 12 * DAY, "https://x/docs"));
        // Actions apply in id order: back-later, back-soon, every2, first, third.
        assertThat(changes()).containsExactly(
                "c1 first +1 = 1",
                "c1 back-soon +5 = 6", "c1 every2 +2 = 8",
                "c1 back-later +7 = 15", "c1 third +3 = 18",
                "c1 every2 +2 = 20");
    }

    @Test
    void emailFormAndAssetActionsMatchTheirTargetOrAny() throws Exception {
        action("newsletter-open", "{\"type\": \"email_open\", \"email\": \"newsletter\", \"points\": 3, \"repeatable\": true}");
        action("any-form", "{\"type\": \"form_submit\", \"points\": 20}");
        action("whitepaper", "{\"type\": \"asset_download\", \"asset\": \"wp1\", \"points\": 15}");
        h.event(ContactEvents.open("e1", "c1", 1_000, "newsletter", false));
        h.event(ContactEvents.open("e2", "c1", 2_000, "newsletter", true));
        h.event(ContactEvents.open("e3", "c1", 3_000, "promo", false));
        h.event(ContactEvents.form("e4", "c1", 4_000, "contact-us"));
        h.event(ContactEvents.asset("e5", "c1", 5_000, "wp2"));
        h.event(ContactEvents.asset("e6", "c1", 6_000, "wp1"));
        h.event(ContactEvents.bot("e7", "c1", 7_000, "https://x/y"));
        assertThat(changes()).as("proxied opens, other emails and assets, bots: no points")
                .containsExactly("c1 newsletter-open +3 = 3", "c1 any-form +20 = 23", "c1 whitepaper +15 = 38");
    }

    @Test
    void groupsKeepTheirOwnScore() throws Exception {
        action("a", "{\"type\": \"page_hit\", \"url\": \"*/a*\", \"points\": 5, \"group\": \"product-a\", \"repeatable\": true}");
        action("total", "{\"type\": \"page_hit\", \"url\": \"*\", \"points\": 1, \"repeatable\": true}");
        h.event(ContactEvents.page("e1", "c1", 1_000, "https://x/a1"));
        h.event(ContactEvents.page("e2", "c1", 2_000, "https://x/a2"));
        assertThat(changes()).containsExactly("c1 a +5 = 5 in product-a", "c1 total +1 = 1", "c1 a +5 = 10 in product-a", "c1 total +1 = 2");
    }

    @Test
    void triggersFireOnceWhenTheScoreCrossesUpwardAndRearmOnlyBelowWhenAsked() throws Exception {
        action("visit", "{\"type\": \"page_hit\", \"url\": \"*/p*\", \"points\": 40, \"repeatable\": true}");
        action("unsubscribe-page", "{\"type\": \"page_hit\", \"url\": \"*/bye*\", \"points\": -60, \"repeatable\": true}");
        define("point-triggers", "mql", "{\"id\": \"mql\", \"name\": \"MQL\", \"threshold\": 100, "
                + "\"actions\": [{\"type\": \"segment_add\", \"segment\": \"mql\"}]}");
        define("point-triggers", "hot", "{\"id\": \"hot\", \"name\": \"Hot\", \"threshold\": 100, \"rearm\": \"below\", "
                + "\"actions\": [{\"type\": \"tags_add\", \"tags\": [\"hot\"]}]}");
        for (int i = 1; i <= 3; i++) {
            h.event(ContactEvents.page("up" + i, "c1", i * 1_000L, "https://x/p"));
        }
        assertThat(fired()).extracting(PointTriggerFired::getTriggerId).containsExactly("hot", "mql");
        PointTriggerFired mql = fired().get(1);
        assertThat(mql.getScore()).isEqualTo(120);
        assertThat(mql.getActions()).isEqualTo("[{\"type\":\"segment_add\",\"segment\":\"mql\"}]");
        assertThat(mql.getFiringId()).isEqualTo("mql:c1@up3");

        h.event(ContactEvents.page("up4", "c1", 4_000, "https://x/p"));
        h.event(ContactEvents.page("down", "c1", 5_000, "https://x/bye"));
        h.event(ContactEvents.page("up5", "c1", 6_000, "https://x/p"));
        assertThat(fired()).as("160 -> 100 is not a crossing; 100 -> 40 -> 100: 'hot' re-armed below, 'mql' never")
                .extracting(PointTriggerFired::getTriggerId).containsExactly("hot", "mql");
        h.event(ContactEvents.page("down2", "c1", 7_000, "https://x/bye"));
        h.event(ContactEvents.page("up6", "c1", 8_000, "https://x/p"));
        h.event(ContactEvents.page("up7", "c1", 9_000, "https://x/p"));
        assertThat(fired()).extracting(PointTriggerFired::getTriggerId).containsExactly("hot", "mql", "hot");
    }

    @Test
    void definitionChangesApplyFromTheNextEvent() throws Exception {
        action("pricing", "{\"type\": \"page_hit\", \"url\": \"" + PRICING + "\", \"points\": 10, \"repeatable\": true}");
        h.event(ContactEvents.page("e1", "c1", 1_000, "https://shop.example.com/pricing"));
        action("pricing", "{\"type\": \"page_hit\", \"url\": \"" + PRICING + "\", \"points\": 25, \"repeatable\": true}");
        h.event(ContactEvents.page("e2", "c1", 2_000, "https://shop.example.com/pricing"));
        action("pricing", "{\"type\": \"page_hit\", \"url\": \"" + PRICING + "\", \"points\": 25, \"enabled\": false}");
        h.event(ContactEvents.page("e3", "c1", 3_000, "https://shop.example.com/pricing"));
        action("pricing", "{\"type\": \"page_hit\", \"url\": \"" + PRICING + "\", \"points\": 1, \"repeatable\": true}");
        define("point-actions", "pricing", null);
        h.event(ContactEvents.page("e4", "c1", 4_000, "https://shop.example.com/pricing"));
        assertThat(changes()).containsExactly("c1 pricing +10 = 10", "c1 pricing +25 = 35");
    }

    @Test
    void aTriggersActionsSendAddToSegmentsTagAndEnterCampaignsWithIdsAReplayRepeats() throws Exception {
        action("visit", "{\"type\": \"page_hit\", \"url\": \"*/p*\", \"points\": 60, \"repeatable\": true}");
        define("point-triggers", "mql", "{\"id\": \"mql\", \"name\": \"MQL\", \"threshold\": 100, \"actions\": ["
                + "{\"type\": \"segment_add\", \"segment\": \"mql\"}, {\"type\": \"send_email\", \"email\": \"welcome\"},"
                + " {\"type\": \"tags_add\", \"tags\": [\"hot\"]}, {\"type\": \"campaign_add\", \"campaign\": \"nurture\"}]}");
        h.segment("mql", "[{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 1000}]");
        h.segment("tagged", "[{\"kind\": \"tags\", \"operator\": \"any\", \"tags\": [\"hot\"]}]");
        h.campaign("{\"id\": \"nurture\", \"name\": \"Nurture\", \"events\": [{\"id\": \"hello\", \"type\": \"action\", \"kind\": \"send_email\", \"email\": \"nurture-1\"}]}");
        h.event(ContactEvents.page("up1", "c1", 1_000, "https://x/p"));
        h.event(ContactEvents.page("up2", "c1", 2_000, "https://x/p"));
        assertThat(h.sends()).extracting(SendCommand::getEmailId).containsExactly("welcome", "nurture-1");
        assertThat(h.changes()).extracting(c -> c.getKind() + " " + c.getSegmentId() + " " + c.getManual() + " " + c.getReason())
                .as("added by hand though 120 points do not match its filter; the tag's segment by its filter")
                .containsExactly("ENTERED mql true event up2", "ENTERED tagged false event up2");
        assertThat(h.profile("c1").getTags()).containsExactly("hot");
        assertThat(h.contactActions()).singleElement().satisfies(e -> assertThat(e.getFields()).isEmpty());

        try (ContactHarness replay = new ContactHarness()) {
            replay.define("point-actions", "visit", "{\"id\": \"visit\", \"name\": \"visit\", \"type\": \"page_hit\", \"url\": \"*/p*\", \"points\": 60, \"repeatable\": true}");
            replay.define("point-triggers", "mql", "{\"id\": \"mql\", \"name\": \"MQL\", \"threshold\": 100, \"actions\": ["
                    + "{\"type\": \"segment_add\", \"segment\": \"mql\"}, {\"type\": \"send_email\", \"email\": \"welcome\"}]}");
            replay.event(ContactEvents.page("up1", "c1", 1_000, "https://x/p"));
            replay.event(ContactEvents.page("up2", "c1", 2_000, "https://x/p"));
            assertThat(replay.sends()).singleElement().extracting(SendCommand::getCommandId).as("the same firing: the same send id")
                    .isEqualTo(h.sends().get(0).getCommandId());
        }
    }
}
