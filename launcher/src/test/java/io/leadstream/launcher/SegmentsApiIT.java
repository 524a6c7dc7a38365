package io.leadstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.ids.IdentityIds;
import io.leadstream.gateway.GatewayServer;
import io.leadstream.jobs.EngineOptions;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Segments through the whole system: defined with the API, filled by the engine from pixel hits,
 * listed from Cassandra; a new segment's backfill followed to the end through the API by the
 * revision its PUT answered; a contact added and removed by hand through the API; a campaign on a
 * segment run dry over what the engine recorded.
 */
@ExtendWith(LeadStreamStackExtension.class)
class SegmentsApiIT {
    private static final String TOKEN = "segments-token";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void segmentsAreDefinedFilledBackfilledAndChangedByHandThroughTheApi(TestNamespace ns) throws Exception {
        LeadStreamConfig config = RunningEngine.config(ns, TOKEN);
        try (RunningEngine engine = RunningEngine.start(ns, config, "segments-api");
             GatewayServer gateway = new GatewayServer(config).start()) {
            engine.awaitRunning();
            String base = gateway.baseUrl();
            assertThat(put(base, "active", "[{\"kind\": \"last_active\", \"operator\": \"gte\", \"date\": \"-7 days\"}]").statusCode())
                    .isEqualTo(201);

            String device = "segdev0001";
            String contact = IdentityIds.anon(device);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                // Repeated until the engine has the definition: a hit before it would count for nothing.
                assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/mtracking.gif?page_url=https%3A%2F%2Fshop.example%2F"))
                        .header("Cookie", "mautic_device_id=" + device).build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
                assertThat(get(base, "/api/v1/segments/active/contacts").getJsonArray("contacts")).containsExactly(contact);
            });

            HttpResponse<String> vip = put(base, "vip", "[{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 1000}]");
            long revision = Long.parseLong(vip.headers().firstValue("LeadStream-Revision").orElseThrow());
            JsonObject backfill = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> getOrNull(base, "/api/v1/segments/vip/backfill"),
                            b -> b != null && b.getLong("revision") == revision && b.getBoolean("done"));
            assertThat(backfill.getInteger("subtasks")).isEqualTo(config.get(EngineOptions.PARALLELISM));
            assertThat(backfill.getLong("contacts")).as("the one contact the engine knows").isEqualTo(1);
            assertThat(get(base, "/api/v1/segments/vip/contacts").getJsonArray("contacts")).as("no points: not a member").isEmpty();

            HttpResponse<String> added = post(base, "/api/v1/segments/vip/contacts/" + contact + "/add");
            assertThat(added.statusCode()).isEqualTo(202);
            assertThat(new JsonObject(added.body()).getString("contact")).isEqualTo(contact);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> get(base, "/api/v1/segments/vip/contacts").getJsonArray("contacts").contains(contact));
            assertThat(post(base, "/api/v1/segments/vip/contacts/" + contact + "/remove").statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> get(base, "/api/v1/segments/vip/contacts").getJsonArray("contacts").isEmpty());

            assertThat(post(base, "/api/v1/segments/nope/contacts/" + contact + "/add").statusCode()).isEqualTo(404);
            assertThat(post(base, "/api/v1/segments/vip/contacts/anon:unknown/add").statusCode()).isEqualTo(404);
            assertThat(post(base, "/api/v1/segments/vip/contacts/" + contact + "/promote").statusCode()).isEqualTo(404);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/segments/vip/contacts?limit=0"))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);

            campaignDryRun(gateway, config, base, contact);
        }
    }

    /** A campaign on the "active" segment, dry run over what the engine recorded: the contact's sends, nothing sent. */
    private void campaignDryRun(GatewayServer gateway, LeadStreamConfig config, String base, String contact) throws Exception {
        for (String email : List.of("hello", "again")) { // what the campaign sends must be defined first
            HttpResponse<String> e = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/emails/" + email))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + email + "\", \"type\": \"marketing\", \"from\": \"news@shop.example\","
                            + " \"subject\": \"Hi\", \"html\": \"<p>Hi</p>\", \"text\": \"Hi\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(e.statusCode()).as(e.body()).isEqualTo(201);
        }
        HttpResponse<String> defined = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/campaigns/welcome"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"name": "Welcome", "sources": {"segments": ["active"]}, "events": [
                          {"id": "hello", "type": "action", "kind": "send_email", "email": "hello"},
                          {"id": "again", "type": "action", "kind": "send_email", "email": "again", "parent": "hello",
                           "timing": {"mode": "interval", "amount": 2, "unit": "days"}}]}""")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);
        assertThat(post(base, "/api/v1/campaigns/welcome/dry-run").statusCode()).as("no engine at hand").isEqualTo(501);

        gateway.campaignDryRuns(DryRunJson.runner(config)); // as `leadstream gateway` (docker's gateway) and the local run wire it
        HttpResponse<String> run = post(base, "/api/v1/campaigns/welcome/dry-run");
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        JsonObject result = new JsonObject(run.body());
        assertThat(result.getLong("entered")).isEqualTo(1);
        List<JsonObject> sends = result.getJsonArray("sends").stream().map(JsonObject.class::cast).toList();
        assertThat(sends).extracting(o -> o.getString("contact") + " " + o.getString("send")).containsExactly(contact + " email hello", contact + " email again");
        Instant hello = Instant.parse(sends.get(0).getString("due"));
        assertThat(Instant.parse(sends.get(1).getString("due"))).isEqualTo(hello.plus(Duration.ofDays(2)));
        assertThat(result.getJsonObject("stats").getJsonObject("again").getLong("SCHEDULED")).isEqualTo(1);

        JsonObject cut = new JsonObject(post(base, "/api/v1/campaigns/welcome/dry-run?until=" + hello.plus(Duration.ofDays(1))).body());
        assertThat(cut.getJsonArray("sends")).hasSize(1);
        assertThat(post(base, "/api/v1/campaigns/nope/dry-run").statusCode()).isEqualTo(404);
        assertThat(post(base, "/api/v1/campaigns/welcome/dry-run?until=tomorrow").statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> put(String base, String id, String filters) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/segments/" + id))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + id + "\", \"filters\": " + filters + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonObject get(String base, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    private JsonObject getOrNull(String base, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? new JsonObject(r.body()) : null;
    }
}
