package io.leadstream.bench.pipeline;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a marketer set up, put through the gateway's API as they would: two marketing emails, a
 * sign-up form, points for visits and opens, a newsletter segment and a hot-leads segment, and two
 * campaigns that send at once: a welcome email to each sign-up, and a newsletter welcome to each
 * contact entering the newsletter segment.
 */
final class PipelineDefinitions {
    private static final String HTML = "<p>Hi {contactfield=firstname|there},</p><p>See <a href=\"https://shop.example.com/new\">what's new</a>"
            + " and <a href=\"https://shop.example.com/sale\">the sale</a>.</p><p><a href=\"{unsubscribe_url}\">Unsubscribe</a></p>";

    /** kind/id → document, in the order they are put (what a campaign names exists before it). */
    static final Map<String, String> ALL = ordered(
            "fields/newsletter", """
                    {"id": "newsletter", "label": "Newsletter", "type": "boolean", "publiclyUpdatable": true}""",
            "emails/welcome", email("welcome", "Welcome"),
            "emails/newsletter-welcome", email("newsletter-welcome", "Thanks for subscribing"),
            "forms/signup", """
                    {"id": "signup", "name": "Sign up", "fields": [{"alias": "email", "type": "email", "required": true}, {"alias": "firstname"}]}""",
            "point-actions/visit", """
                    {"id": "visit", "name": "Any visit", "type": "page_hit", "url": "https://shop.example.com/*", "points": 1, "repeatable": true}""",
            "point-actions/pricing", """
                    {"id": "pricing", "name": "Pricing page", "type": "page_hit", "url": "https://shop.example.com/pricing/*", "points": 5}""",
            "point-actions/open", """
                    {"id": "open", "name": "Opened an email", "type": "email_open", "points": 2, "repeatable": true}""",
            "segments/newsletter", """
                    {"id": "newsletter", "name": "Newsletter", "filters": [{"kind": "field", "field": "newsletter", "operator": "eq", "value": "1"}]}""",
            "segments/hot-leads", """
                    {"id": "hot-leads", "name": "Hot leads", "filters": [{"kind": "points", "operator": "gte", "value": 10}]}""",
            "campaigns/welcome", """
                    {"id": "welcome", "name": "Welcome", "sources": {"forms": ["signup"]}, "events": [
                      {"id": "send", "type": "action", "kind": "send_email", "email": "welcome"}]}""",
            "campaigns/newsletter", """
                    {"id": "newsletter", "name": "Newsletter welcome", "sources": {"segments": ["newsletter"]}, "events": [
                      {"id": "send", "type": "action", "kind": "send_email", "email": "newsletter-welcome"}]}""");

    private PipelineDefinitions() {}

    private static String email(String id, String subject) {
        return new JsonObject().put("id", id).put("name", subject).put("type", "marketing").put("from", "news@shop.example")
                .put("fromName", "Shop").put("subject", subject + ", {contactfield=firstname|there}").put("html", HTML)
                .put("text", "Hi {contactfield=firstname|there}, see https://shop.example.com/new\nUnsubscribe: {unsubscribe_url}").encode();
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** PUTs every definition; fails with the API's answer on the first refusal. */
    static void apply(String gatewayUrl, String token) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        for (Map.Entry<String, String> d : ALL.entrySet()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/v1/" + d.getKey()))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(d.getValue())).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("PUT " + d.getKey() + ": " + r.statusCode() + " " + r.body());
            }
        }
    }

    /** The definitions the API no longer returns as they were put: none, when nothing was lost. */
    static List<String> lost(String gatewayUrl, String token) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        List<String> lost = new ArrayList<>();
        for (Map.Entry<String, String> d : ALL.entrySet()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/v1/" + d.getKey()))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || !holds(new JsonObject(r.body()), new JsonObject(d.getValue()))) {
                lost.add(d.getKey() + " (" + r.statusCode() + ")");
            }
        }
        return lost;
    }

    /** Every property put, as put; the API may answer more (a field's {@code unique}, worked out from the engine's settings). */
    private static boolean holds(JsonObject got, JsonObject put) {
        return put.fieldNames().stream().allMatch(k -> java.util.Objects.equals(put.getValue(k), got.getValue(k)));
    }
}
