package io.leadstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.gateway.GatewayServer;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lifecycle stages through the whole system: a point trigger moves a contact into a stage, which a
 * segment reads, and a campaign's action another; Mautic's stage endpoints move it back and out; the contact (ours and Mautic's
 * shape), its timeline and the contacts-per-stage report show each step from Cassandra; an erasure
 * takes it out of the stage tables.
 */
@ExtendWith(LeadStreamStackExtension.class)
class StagesIT {
    private static final String TOKEN = "stages-token";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aTriggerMovesAContactForwardTheApiMovesItAnywhereAndTheReportCountsIt(TestNamespace ns) throws Exception {
        LeadStreamConfig config = RunningEngine.config(ns, TOKEN);
        try (RunningEngine engine = RunningEngine.start(ns, config, "stages");
             GatewayServer gateway = new GatewayServer(config).start()) {
            engine.awaitRunning();
            GatewayCalls api = new GatewayCalls(gateway.baseUrl(), TOKEN);
            api.define("stages", "lead", "{\"name\": \"Lead\", \"weight\": 10}");
            api.define("stages", "mql", "{\"name\": \"Marketing qualified\", \"weight\": 20}");
            api.define("stages", "customer", "{\"name\": \"Customer\", \"weight\": 40}");
            assertThat(api.send("PUT", "/api/v1/point-triggers/hot", "{\"name\": \"Hot\", \"threshold\": 50, "
                    + "\"actions\": [{\"type\": \"change_stage\", \"stage\": \"nope\"}]}").statusCode()).as("an unknown stage").isEqualTo(422);
            api.define("point-triggers", "hot", "{\"name\": \"Hot\", \"threshold\": 50, \"actions\": [{\"type\": \"change_stage\", \"stage\": \"mql\"}]}");
            api.define("point-triggers", "back", "{\"name\": \"Back\", \"threshold\": 70, \"actions\": [{\"type\": \"change_stage\", \"stage\": \"lead\"}]}");
            api.define("segments", "mqls", "{\"name\": \"MQLs\", \"filters\": [{\"kind\": \"stage\", \"operator\": \"eq\", \"stage\": \"mql\"}]}");

            String contact = "stage-contact-1";
            assertThat(api.send("POST", "/api/v1/events", "{\"events\": [{\"type\": \"identify\", \"contact_id\": \"" + contact
                    + "\", \"fields\": {\"email\": \"stage@example.com\"}}]}").statusCode()).isEqualTo(202);
            long mautic = await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
                    .until(() -> api.mauticId("stage@example.com"), id -> id != null);

            // 60 points: "hot" (50) moves it to mql; 20 more: "back" (70) would move it back to lead, which an action may not.
            assertThat(api.send("POST", "/api/contacts/" + mautic + "/points/plus/60", null).statusCode()).isEqualTo(200);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(300))
                    .until(() -> api.get("/api/v1/contacts/" + contact).getString("stage"), "mql"::equals);
            assertThat(api.send("POST", "/api/contacts/" + mautic + "/points/plus/20", null).statusCode()).isEqualTo(200);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> api.get("/api/v1/contacts/" + contact).getInteger("points") == 80);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(300))
                    .until(() -> api.get("/api/v1/segments/mqls/contacts").getJsonArray("contacts").contains(contact));
            JsonObject stage = api.get("/api/contacts/" + mautic).getJsonObject("contact").getJsonObject("stage");
            assertThat(stage.getString("alias")).isEqualTo("mql");
            assertThat(stage.getString("name")).isEqualTo("Marketing qualified");
            assertThat(stage.getInteger("weight")).isEqualTo(20);

            Map<String, Long> ids = new java.util.HashMap<>();
            JsonObject listed = api.get("/api/stages");
            assertThat(listed.getInteger("total")).isEqualTo(3);
            listed.getJsonObject("stages").forEach(e -> ids.put(((JsonObject) e.getValue()).getString("alias"), Long.parseLong(e.getKey())));

            assertThat(api.send("POST", "/api/stages/" + ids.get("lead") + "/contact/" + mautic + "/add", null).statusCode()).isEqualTo(200);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(300))
                    .until(() -> api.get("/api/v1/contacts/" + contact).getString("stage"), "lead"::equals);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(300))
                    .until(() -> api.get("/api/v1/segments/mqls/contacts").getJsonArray("contacts").isEmpty());

            JsonObject report = await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> api.get("/api/v1/stats/stages?days=2"),
                    r -> stageIn(r, "lead").getLong("members") == 1);
            assertThat(report.getJsonArray("stages").stream().map(o -> ((JsonObject) o).getString("stage")))
                    .as("by weight").containsExactly("lead", "mql", "customer");
            String today = LocalDate.now(ZoneOffset.UTC).toString();
            JsonObject mqlToday = lastDay(stageIn(report, "mql"));
            assertThat(mqlToday.getString("day")).isEqualTo(today);
            assertThat(mqlToday.getLong("entered")).isEqualTo(1);
            assertThat(mqlToday.getLong("left")).isEqualTo(1);
            assertThat(mqlToday.getLong("members")).isZero();
            assertThat(lastDay(stageIn(report, "lead")).getLong("entered")).isEqualTo(1);

            JsonArray timeline = api.get("/api/v1/contacts/" + contact + "/timeline").getJsonArray("events");
            assertThat(timeline.stream().map(JsonObject.class::cast).map(e -> e.getJsonObject("detail"))
                    .filter(d -> "leadstream.stage".equals(d.getString("name"))).map(d -> d.getString("from") + " -> " + d.getString("stage")))
                    .as("the engine's changes, newest first; not the API's request").containsExactly("mql -> lead", " -> mql");

            assertThat(api.send("POST", "/api/stages/" + ids.get("customer") + "/contact/" + mautic + "/remove", null).statusCode()).isEqualTo(200);
            assertThat(api.send("POST", "/api/stages/" + ids.get("lead") + "/contact/" + mautic + "/remove", null).statusCode()).isEqualTo(200);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(300))
                    .until(() -> api.get("/api/v1/stats/stages/lead/history?days=1").getLong("members") == 0);
            // The view (contact_profiles) is written when a checkpoint completes, the stage tables at once.
            await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> api.get("/api/v1/contacts/" + contact).getString("stage") == null);
            assertThat(api.get("/api/contacts/" + mautic).getJsonObject("contact").getValue("stage")).isNull();
            assertThat(api.send("POST", "/api/stages/999/contact/" + mautic + "/add", null).statusCode()).isEqualTo(404);

            // Erased (GDPR): out of the stage's members and out of its daily log.
            assertThat(api.send("POST", "/api/stages/" + ids.get("customer") + "/contact/" + mautic + "/add", null).statusCode()).isEqualTo(200);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> "customer".equals(api.get("/api/v1/contacts/" + contact).getString("stage")));
            assertThat(lastDay(api.get("/api/v1/stats/stages/customer/history?days=1")).getLong("entered")).isEqualTo(1);
            HttpResponse<String> erased = api.send("DELETE", "/api/contacts/" + mautic + "/delete", null);
            assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                JsonObject customer = api.get("/api/v1/stats/stages/customer/history?days=1");
                assertThat(customer.getLong("members")).isZero();
                assertThat(lastDay(customer).getLong("entered")).isZero();
                assertThat(lastDay(api.get("/api/v1/stats/stages/mql/history?days=1")).getLong("entered")).isZero();
            });

            // A campaign's action moves another contact, put into the campaign through Mautic's API.
            api.define("campaigns", "promote", "{\"name\": \"Promote\", \"sources\": {\"segments\": [\"mqls\"]}, \"events\": ["
                    + "{\"id\": \"to-customer\", \"type\": \"action\", \"kind\": \"change_stage\", \"stage\": \"customer\"}]}");
            String second = "stage-contact-2";
            assertThat(api.send("POST", "/api/v1/events", "{\"events\": [{\"type\": \"identify\", \"contact_id\": \"" + second
                    + "\", \"fields\": {\"email\": \"second@example.com\"}}]}").statusCode()).isEqualTo(202);
            long secondMautic = await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
                    .until(() -> api.mauticId("second@example.com"), id -> id != null);
            long promote = api.get("/api/campaigns").getJsonObject("campaigns").stream()
                    .filter(e -> "promote".equals(((JsonObject) e.getValue()).getString("alias"))).map(e -> Long.parseLong(e.getKey())).findFirst().orElseThrow();
            assertThat(api.send("POST", "/api/campaigns/" + promote + "/contact/" + secondMautic + "/add", null).statusCode()).isEqualTo(200);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(300))
                    .until(() -> "customer".equals(api.get("/api/v1/contacts/" + second).getString("stage")));
            assertThat(api.get("/api/v1/stats/stages/customer/history?days=1").getLong("members")).isEqualTo(1);
            assertThat(api.send("GET", "/api/v1/stats/stages/nope/history", null).statusCode()).isEqualTo(404);
        }
    }

    private static JsonObject stageIn(JsonObject report, String id) {
        return report.getJsonArray("stages").stream().map(JsonObject.class::cast).filter(s -> id.equals(s.getString("stage"))).findFirst().orElseThrow();
    }

    private static JsonObject lastDay(JsonObject stage) {
        JsonArray days = stage.getJsonArray("days");
        return days.getJsonObject(days.size() - 1);
    }
}
