package io.leadstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.gateway.GatewayServer;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.stack.TopicReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Typed contact fields through the whole system: a visitor's hit sets only publicly updatable fields,
 * each kept in its type's form (yes is 1, fr is France, a multiselect in its options' order), a new
 * contact gets the fields' defaults, the browser's UTC offset becomes its time zone, a segment filters
 * on those stored forms, and what was refused is on the rejected-records topic with its reason.
 */
@ExtendWith(LeadStreamStackExtension.class)
class ContactFieldsIT {
    private static final String TOKEN = "fields-token";

    @Test
    void aHitSetsTypedFieldsThatSegmentsReadAndTheRestIsRejectedWithItsReason(TestNamespace ns) throws Exception {
        LeadStreamConfig config = RunningEngine.config(ns, TOKEN);
        try (RunningEngine engine = RunningEngine.start(ns, config, "contact-fields");
             GatewayServer gateway = new GatewayServer(config).start()) {
            engine.awaitRunning();
            GatewayCalls api = new GatewayCalls(gateway.baseUrl(), TOKEN);
            for (String[] field : new String[][] {
                    {"newsletter", "{\"label\": \"Newsletter\", \"type\": \"boolean\", \"publiclyUpdatable\": true}"},
                    {"interests", "{\"label\": \"Interests\", \"type\": \"multiselect\", \"publiclyUpdatable\": true,"
                            + " \"options\": [{\"value\": \"news\"}, {\"value\": \"offers\"}, {\"value\": \"events\"}]}"},
                    {"plan", "{\"label\": \"Plan\", \"type\": \"select\", \"default\": \"free\", \"options\": [{\"value\": \"free\"}, {\"value\": \"pro\"}]}"}}) {
                assertThat(api.send("PUT", "/api/v1/fields/" + field[0], field[1]).statusCode()).isEqualTo(201);
            }
            assertThat(api.send("PUT", "/api/v1/segments/deal-hunters", """
                    {"name": "Deal hunters", "filters": [{"kind": "field", "field": "newsletter", "operator": "eq", "value": "1"},
                      {"kind": "field", "field": "interests", "operator": "in", "value": ["offers"]},
                      {"kind": "field", "field": "country", "operator": "eq", "value": "France"},
                      {"kind": "field", "field": "plan", "operator": "eq", "value": "free"}]}""").statusCode()).isEqualTo(201);

            JsonObject fay = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
                api.hit("fieldsdev01", "https://shop.example/deals", "&email=fay%40example.com&newsletter=yes&interests=offers%7Cnews"
                        + "&country=fr&plan=pro&shoe_size=44&timezone_offset=-60");
                JsonObject c = api.contactByEmail("fay@example.com");
                return c != null && members(api).contains(c.getString("id")) ? c : null;
            }, c -> c != null);
            assertThat(fay.getJsonObject("fields").getMap()).containsOnly(
                    java.util.Map.entry("email", "fay@example.com"), java.util.Map.entry("newsletter", "1"),
                    java.util.Map.entry("interests", "news|offers"), java.util.Map.entry("country", "France"),
                    java.util.Map.entry("plan", "free"));
            assertThat(fay.getString("timezone")).as("UTC+1 from the browser's offset").isEqualTo("Etc/GMT-1");

            List<String> rejected = TopicReader.readAll(config.get(KafkaOptions.BOOTSTRAP_SERVERS), TopicNames.from(config).rejected(),
                    Duration.ofSeconds(30)).stream().map(r -> new JsonObject(new String(r.value(), StandardCharsets.UTF_8)))
                    .map(r -> r.getString("field") + "=" + r.getString("value") + ": " + r.getString("reason")).distinct().toList();
            assertThat(rejected).containsExactlyInAnyOrder("plan=pro: plan is not publicly updatable: hits and forms cannot set it",
                    "shoe_size=44: no contact field \"shoe_size\" is defined");
        }
    }

    private static List<Object> members(GatewayCalls api) throws Exception {
        JsonArray m = api.get("/api/v1/segments/deal-hunters/contacts").getJsonArray("contacts");
        return m == null ? List.of() : m.getList();
    }
}
