package io.leadstream.jobs.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.jobs.points.ContactEvents;
import io.leadstream.schemas.contact.ContactActionEvents;
import io.leadstream.schemas.engine.ContactView;
import io.leadstream.schemas.engine.MembershipChangeKind;
import io.leadstream.schemas.event.CustomEvent;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lifecycle stages in the contact processor: actions move a contact forward only, the API anywhere;
 * each change is a timeline row (from which the stage tables are written), a view and, when
 * subscribed, a webhook call; segments and campaign conditions read the stage.
 */
class ContactStagesTest {
    private ContactHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new ContactHarness();
        stage("lead", 10, true);
        stage("mql", 20, true);
        stage("archived", 30, false);
        stage("customer", 40, true);
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    private void stage(String id, int weight, boolean published) throws Exception {
        h.define("stages", id, "{\"id\": \"" + id + "\", \"name\": \"" + id + "\", \"weight\": " + weight + ", \"published\": " + published + "}");
    }

    private void form(String id, String actions) throws Exception {
        h.define("forms", id, "{\"id\": \"" + id + "\", \"fields\": [{\"alias\": \"email\"}], \"actions\": " + actions + "}");
    }

    private static TrackingEvent byApi(String id, String contact, long at, Map<String, String> properties) {
        return TrackingEvent.newBuilder(ContactActionEvents.of(id, contact, at, ContactActionEvents.STAGE, properties, Map.of(), "api"))
                .setSource(Source.API).build();
    }

    /** The stage change rows the processor wrote, as "from -> to". */
    private List<String> moves() {
        return h.contactActions().stream().map(e -> ContactActionEvents.properties(e, ContactActionEvents.STAGE)).filter(p -> p != null)
                .map(p -> p.get(ContactActionEvents.STAGE_FROM) + " -> " + p.get(ContactActionEvents.STAGE_ID)).toList();
    }

    @Test
    void actionsMoveForwardOnlyAndTheApiAnywhere() throws Exception {
        h.segment("mqls", "[{\"kind\": \"stage\", \"operator\": \"eq\", \"stage\": \"mql\"}]");
        h.segment("staged", "[{\"kind\": \"stage\", \"operator\": \"not_empty\"}]");
        h.define("point-triggers", "hot", "{\"id\": \"hot\", \"name\": \"Hot\", \"threshold\": 50, "
                + "\"actions\": [{\"type\": \"change_stage\", \"stage\": \"mql\"}]}");
        form("signup", "[{\"type\": \"adjust_points\", \"points\": 60}]");
        form("demo", "[{\"type\": \"change_stage\", \"stage\": \"lead\"}, {\"type\": \"change_stage\", \"stage\": \"archived\"}]");

        h.event(ContactEvents.form("f1", "c1", 1_000, "signup"));
        assertThat(h.profile("c1").getStage()).as("the trigger at 50 points moved it").isEqualTo("mql");
        assertThat(h.profile("c1").getStageSince()).isEqualTo(1_000L);
        assertThat(moves()).containsExactly(" -> mql");
        assertThat(h.changes()).extracting(c -> c.getSegmentId() + " " + c.getKind())
                .containsExactlyInAnyOrder("mqls " + MembershipChangeKind.ENTERED, "staged " + MembershipChangeKind.ENTERED);
        assertThat(h.views()).last().extracting(ContactView::getStage).isEqualTo("mql");

        h.event(ContactEvents.form("f2", "c1", 2_000, "demo"));
        assertThat(h.profile("c1").getStage()).as("lead weighs less than mql; archived is unpublished").isEqualTo("mql");
        assertThat(moves()).hasSize(1);

        h.event(byApi("a1", "c1", 3_000, Map.of(ContactActionEvents.STAGE_ID, "lead")));
        assertThat(h.profile("c1").getStage()).as("the API sets any stage").isEqualTo("lead");
        assertThat(moves()).containsExactly(" -> mql", "mql -> lead");
        assertThat(h.changes()).extracting(c -> c.getSegmentId() + " " + c.getKind()).contains("mqls " + MembershipChangeKind.LEFT);

        h.event(byApi("a2", "c1", 4_000, Map.of(ContactActionEvents.STAGE_ID, "", ContactActionEvents.STAGE_FROM, "customer")));
        assertThat(h.profile("c1").getStage()).as("a removal from a stage it is not in").isEqualTo("lead");
        h.event(byApi("a3", "c1", 5_000, Map.of(ContactActionEvents.STAGE_ID, "", ContactActionEvents.STAGE_FROM, "lead")));
        assertThat(h.profile("c1").getStage()).isNull();
        assertThat(moves()).containsExactly(" -> mql", "mql -> lead", "lead -> ");
        assertThat(h.views()).last().extracting(ContactView::getStage).as("taken out: an empty stage, not a tombstone").isEqualTo("");
        assertThat(h.changes()).extracting(c -> c.getSegmentId() + " " + c.getKind()).endsWith("staged " + MembershipChangeKind.LEFT);
        assertThat(h.contactActions()).filteredOn(e -> ContactActionEvents.properties(e, ContactActionEvents.STAGE) != null)
                .extracting(e -> ((CustomEvent) e.getPayload()).getName() + " " + e.getSource()).containsOnly(ContactActionEvents.STAGE + " ENGINE");
    }

    @Test
    void aCampaignConditionReadsTheStageAndAStageChangeCallsItsWebhook() throws Exception {
        h.define("webhooks", "lifecycle", "{\"id\": \"lifecycle\", \"name\": \"Lifecycle\", \"url\": \"https://crm.example.com/stage\","
                + " \"events\": [\"stage_change\"]}");
        form("signup", "[{\"type\": \"change_stage\", \"stage\": \"lead\"}]");
        h.segment("leads", "[{\"kind\": \"stage\", \"operator\": \"eq\", \"stage\": \"lead\"}]");
        h.campaign("{\"id\": \"nurture\", \"name\": \"Nurture\", \"sources\": {\"segments\": [\"leads\"]}, \"events\": ["
                + "{\"id\": \"is-lead\", \"type\": \"condition\", \"kind\": \"stage\", \"stage\": \"lead\"},"
                + "{\"id\": \"tag\", \"type\": \"action\", \"kind\": \"tags_add\", \"tags\": [\"nurtured\"], \"parent\": \"is-lead\", \"path\": \"yes\"},"
                + "{\"id\": \"to-customer\", \"type\": \"action\", \"kind\": \"change_stage\", \"stage\": \"customer\", \"parent\": \"tag\"}]}");

        h.event(ContactEvents.form("f1", "c1", 1_000, "signup"));

        assertThat(h.profile("c1").getTags()).containsExactly("nurtured");
        assertThat(h.profile("c1").getStage()).isEqualTo("customer");
        assertThat(moves()).containsExactly(" -> lead", "lead -> customer");
        assertThat(h.sends()).extracting(s -> s.getAttributes().get("event") + " " + s.getAttributes().get("data"))
                .containsExactly("stage_change {\"stage\":\"lead\",\"from\":\"\"}", "stage_change {\"stage\":\"customer\",\"from\":\"lead\"}");
    }

    @Test
    void aMergedContactBringsItsStageWhenItIsFurtherAlong() throws Exception {
        h.event(byApi("a1", "loser", 1_000, Map.of(ContactActionEvents.STAGE_ID, "customer")));
        h.event(byApi("a2", "survivor", 1_000, Map.of(ContactActionEvents.STAGE_ID, "mql")));
        h.merge("loser", "survivor", 2_000);
        h.deliverHandovers(0);

        assertThat(h.profile("survivor").getStage()).isEqualTo("customer");
        assertThat(moves()).as("the loser leaves its stage; the survivor moves on").contains("customer -> ", "mql -> customer");
    }
}
