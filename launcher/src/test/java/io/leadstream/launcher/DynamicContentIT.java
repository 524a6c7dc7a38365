package io.leadstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.gateway.GatewayServer;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Dynamic web content through the whole system: a page's slot ({@code GET /dwc/hero}) shows each
 * visitor the variant its contact matches, as the engine keeps that contact (segment membership,
 * fields), and the default to visitors not known.
 */
@ExtendWith(LeadStreamStackExtension.class)
class DynamicContentIT {
    private static final String TOKEN = "dwc-token";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aSlotShowsEachVisitorTheVariantItsContactMatchesAndTheDefaultToStrangers(TestNamespace ns) throws Exception {
        LeadStreamConfig config = RunningEngine.config(ns, TOKEN);
        try (RunningEngine engine = RunningEngine.start(ns, config, "dynamic-content");
             GatewayServer gateway = new GatewayServer(config).start()) {
            engine.awaitRunning();
            String base = gateway.baseUrl();
            assertThat(put(base, "segments", "parisians", """
                    {"name": "Parisians", "filters": [{"kind": "field", "field": "city", "operator": "eq", "value": "Paris"}]}""")).isEqualTo(201);
            assertThat(put(base, "dynamic-content", "hero", """
                    {"name": "Hero", "default": "<p>Hello</p>", "variants": [
                      {"filters": [{"kind": "segment", "segment": "parisians"}], "content": "<p>Bonjour</p>"},
                      {"filters": [{"kind": "field", "field": "company", "operator": "eq", "value": "Acme"}], "content": "<p>Hi Acme</p>"}]}""")).isEqualTo(201);
            assertThat(put(base, "dynamic-content", "broken", "{\"name\": \"Broken\", \"default\": \"x\", \"variants\": ["
                    + "{\"filters\": [{\"kind\": \"segment\", \"segment\": \"no-such-segment\"}], \"content\": \"y\"}]}")).isEqualTo(422);

            assertThat(slot(base, "hero", null)).isEqualTo("<p>Hello</p>");
            hit(base, "dwcparis001", "city=Paris");
            hit(base, "dwcacme0001", "company=Acme");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(slot(base, "hero", "dwcparis001")).isEqualTo("<p>Bonjour</p>");
                assertThat(slot(base, "hero", "dwcacme0001")).isEqualTo("<p>Hi Acme</p>");
            });
            assertThat(slot(base, "hero", "dwcnobody01")).isEqualTo("<p>Hello</p>");

            // The same knowledge shapes a form (progressive profiling): what the contact has is not asked again, a
            // publicly updatable value is shown pre-filled, and a known contact sees at most 3 fields.
            assertThat(put(base, "forms", "more", """
                    {"name": "Tell us more", "progressiveLimit": 3, "fields": [{"alias": "email", "type": "email"},
                      {"alias": "city", "required": true, "showWhenValueExists": false}, {"alias": "company", "autofill": true},
                      {"alias": "firstname"}]}""")).isEqualTo(201);
            assertThat(formFields(base, null)).containsExactly("email=", "city=", "company=", "firstname=");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(formFields(base, "dwcparis001")).as("city known: not asked").containsExactly("email=", "company=", "firstname=");
                assertThat(formFields(base, "dwcacme0001")).as("company pre-filled; the fourth field waits for a later visit")
                        .containsExactly("email=", "city=", "company=Acme");
            });
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(base + "/form/submit?formId=more"))
                    .header("Cookie", "mautic_device_id=dwcparis001").header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString("mauticform%5Bfirstname%5D=Jean")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as("the required city was not asked of a contact that has one: " + posted.body()).isEqualTo(200);
            HttpResponse<String> stranger = http.send(HttpRequest.newBuilder(URI.create(base + "/form/submit?formId=more"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("mauticform%5Bfirstname%5D=Jean")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stranger.statusCode()).isEqualTo(400);
            assertThat(stranger.body()).contains("city: required");
            HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(base + "/dwc/nothing-here")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);
        }
    }

    /** The form's fields as a device sees them: "alias=pre-filled value". */
    private List<String> formFields(String base, String device) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/form/embed/more"));
        if (device != null) {
            b.header("Cookie", "mautic_device_id=" + device);
        }
        HttpResponse<String> page = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        return Jsoup.parse(page.body()).select("form#mauticform_more .mauticform-row input").stream()
                .map(i -> i.attr("name").replaceAll("mauticform\\[(.*)]", "$1") + "=" + i.attr("value")).toList();
    }

    private void hit(String base, String device, String fields) throws Exception {
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/mtracking.gif?page_url="
                        + URLEncoder.encode("https://shop.example/", StandardCharsets.UTF_8) + "&" + fields))
                .header("Cookie", "mautic_device_id=" + device).build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
    }

    private String slot(String base, String slot, String device) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/dwc/" + slot));
        if (device != null) {
            b.header("Cookie", "mautic_device_id=" + device);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject body = new JsonObject(r.body());
        assertThat(body.getString("slot")).isEqualTo(slot);
        return body.getString("content");
    }

    private int put(String base, String kind, String id, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/" + kind + "/" + id))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
