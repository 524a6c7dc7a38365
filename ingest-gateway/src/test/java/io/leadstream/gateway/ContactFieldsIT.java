package io.leadstream.gateway;

import static io.leadstream.gateway.GatewayFixture.enc;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Typed contact fields through real Kafka: the field manager at /api/v1/fields, what a visitor's hit,
 * a form and the API may set, values in their stored form, and every refused value on the
 * rejected-records topic with its reason while the hit itself is published.
 */
@ExtendWith(LeadStreamStackExtension.class)
class ContactFieldsIT {
    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String AUTH = "Bearer " + GatewayFixture.TOKEN;

    private static HttpResponse<String> put(GatewayFixture gw, String path, String body) throws Exception {
        return gw.send("PUT", path, JSON, body, "Authorization", AUTH);
    }

    private static List<String> pointers(HttpResponse<String> r) {
        return GatewayFixture.problemPointers(r);
    }

    @Test
    void theFieldManagerServesStandardAndCustomFieldsAndChecksThem(TestNamespace ns) throws Exception {
        try (GatewayFixture gw = new GatewayFixture(ns, c -> c)) {
            JsonObject list = new JsonObject(gw.get("/api/v1/fields", "Authorization", AUTH).body());
            List<String> ids = list.getJsonArray("fields").stream().map(f -> ((JsonObject) f).getString("id")).toList();
            assertThat(ids).contains("email", "firstname", "lastname", "company", "phone", "city", "country");
            assertThat(list.getInteger("total")).isEqualTo(ids.size());
            JsonObject email = new JsonObject(gw.get("/api/v1/fields/email", "Authorization", AUTH).body());
            assertThat(email.getString("type")).isEqualTo("email");
            assertThat(email.getBoolean("unique")).isTrue();

            assertThat(pointers(put(gw, "/api/v1/fields/plan", "{\"label\": \"Plan\", \"type\": \"select\"}"))).containsExactly("/options");
            assertThat(pointers(put(gw, "/api/v1/fields/phone", "{\"label\": \"Phone\", \"type\": \"tel\", \"unique\": true}")))
                    .as("identity follows engine.identifier-fields: the flag cannot say otherwise").containsExactly("/unique");
            assertThat(pointers(put(gw, "/api/v1/fields/utm_source", "{\"label\": \"Source\", \"type\": \"text\"}"))).containsExactly("/id");
            assertThat(put(gw, "/api/v1/fields/plan", """
                    {"label": "Plan", "type": "select", "options": [{"value": "free"}, {"value": "pro"}]}""").statusCode()).isEqualTo(201);
            assertThat(put(gw, "/api/v1/fields/age", "{\"label\": \"Age\", \"type\": \"number\", \"publiclyUpdatable\": true}").statusCode()).isEqualTo(201);

            HttpResponse<String> badSegment = put(gw, "/api/v1/segments/odd", """
                    {"name": "Odd", "filters": [{"kind": "field", "field": "age", "operator": "like", "value": "4%"},
                      {"kind": "field", "field": "plan", "operator": "eq", "value": "gold"},
                      {"kind": "field", "field": "country", "operator": "eq", "value": "FR"}]}""");
            assertThat(badSegment.statusCode()).isEqualTo(422);
            assertThat(pointers(badSegment)).containsExactly("/filters/0/operator", "/filters/1/value", "/filters/2/value");
            assertThat(badSegment.body()).contains("country keeps \\\"FR\\\" as \\\"France\\\"");
            assertThat(put(gw, "/api/v1/segments/pro-adults", """
                    {"name": "Pro adults", "filters": [{"kind": "field", "field": "age", "operator": "gte", "value": 18},
                      {"kind": "field", "field": "plan", "operator": "eq", "value": "pro"}]}""").statusCode()).isEqualTo(201);

            HttpResponse<String> retype = put(gw, "/api/v1/fields/age", "{\"label\": \"Age\", \"type\": \"text\"}");
            assertThat(retype.statusCode()).as("a filter still orders it as a number").isEqualTo(422);
            HttpResponse<String> delete = gw.send("DELETE", "/api/v1/fields/plan", JSON, null, "Authorization", AUTH);
            assertThat(delete.statusCode()).isEqualTo(409);
            assertThat(delete.body()).contains("segments/pro-adults");
        }
    }

    @Test
    void hitsAndFormsSetOnlyPubliclyUpdatableFieldsInTheirStoredFormAndTheRestIsRecordedAsRejected(TestNamespace ns) throws Exception {
        try (GatewayFixture gw = new GatewayFixture(ns, c -> c)) {
            assertThat(put(gw, "/api/v1/fields/newsletter", "{\"label\": \"Newsletter\", \"type\": \"boolean\", \"publiclyUpdatable\": true}").statusCode())
                    .isEqualTo(201);
            assertThat(put(gw, "/api/v1/fields/plan", """
                    {"label": "Plan", "type": "select", "options": [{"value": "free"}, {"value": "pro"}]}""").statusCode()).isEqualTo(201);
            assertThat(put(gw, "/api/v1/forms/contact", """
                    {"name": "Contact", "fields": [{"alias": "email", "type": "email"}, {"alias": "plan"}, {"alias": "message", "type": "textarea"}]}""")
                    .statusCode()).isEqualTo(201);

            HttpResponse<String> pixel = gw.get("/mtracking.gif?page_url=" + enc("https://shop.example/") + "&email=ada%40example.com"
                    + "&newsletter=Yes&country=fr&plan=pro&shoe_size=42&website=" + enc("not a url") + "&timezone_offset=-60",
                    "Cookie", "mautic_device_id=devfields01");
            assertThat(pixel.statusCode()).as("the hit counts").isEqualTo(200);
            HttpResponse<String> form = gw.post("/form/submit?formId=contact", FORM,
                    "mauticform%5Bemail%5D=bob%40example.com&mauticform%5Bplan%5D=pro&mauticform%5Bmessage%5D=hello",
                    "Cookie", "mautic_device_id=devfields02", "Accept", JSON);
            assertThat(form.statusCode()).isEqualTo(200);
            HttpResponse<String> api = gw.post("/api/v1/events", JSON, new JsonObject().put("events", new JsonArray().add(new JsonObject()
                    .put("type", "identify").put("contact_id", "c-api-1").put("fields", new JsonObject().put("plan", "PRO").put("newsletter", "maybe"))))
                    .encode(), "Authorization", AUTH);
            assertThat(api.statusCode()).isEqualTo(202);

            List<TrackingEvent> events = gw.drain();
            assertThat(events).hasSize(3);
            assertThat(events.get(0).getFields()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("email", "ada@example.com", "newsletter", "1", "country", "France"));
            assertThat(events.get(0).getContext().getTimezoneOffset()).as(events.get(0).toString()).isEqualTo(-60);
            assertThat(events.get(1).getFields()).as("the form's own data is no field").containsExactlyInAnyOrderEntriesOf(Map.of("email", "bob@example.com"));
            assertThat(events.get(2).getFields()).as("the API may set any defined field").containsExactlyInAnyOrderEntriesOf(Map.of("plan", "pro"));

            List<JsonObject> rejected = gw.rejected(5);
            assertThat(rejected).extracting(r -> r.getString("source") + " " + r.getString("field") + "=" + r.getString("value") + ": " + r.getString("reason"))
                    .containsExactlyInAnyOrder(
                            "PIXEL plan=pro: plan is not publicly updatable: hits and forms cannot set it",
                            "PIXEL shoe_size=42: no contact field \"shoe_size\" is defined",
                            "PIXEL website=not a url: website (url): not an http(s) URL",
                            "FORM plan=pro: plan is not publicly updatable: hits and forms cannot set it",
                            "API newsletter=maybe: newsletter (boolean): not a yes/no value (1, 0, true, false, yes, no)");
            assertThat(rejected).allSatisfy(r -> assertThat(r.getString("eventId")).isIn(events.stream().map(TrackingEvent::getEventId).toList()));
        }
    }
}
