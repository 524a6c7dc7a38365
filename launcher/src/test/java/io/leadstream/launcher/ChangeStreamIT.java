package io.leadstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.ids.IdentityIds;
import io.leadstream.examples.changes.FlinkProfileReader;
import io.leadstream.examples.changes.KafkaProfileReader;
import io.leadstream.examples.changes.ProfileState;
import io.leadstream.examples.changes.RebuiltProfile;
import io.leadstream.gateway.GatewayServer;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The change stream through the whole system: visitors browse, identify, get fields, tags, points in
 * a group and a stage, one merges into another and one is erased, all over HTTP; then a plain Kafka
 * consumer and a Flink job, each reading the stream from its beginning, rebuild every profile, and
 * each rebuilt profile is the one the API answers, and no more or fewer contacts.
 */
@ExtendWith(LeadStreamStackExtension.class)
class ChangeStreamIT {
    private static final String TOKEN = "changes-token";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void aConsumerOfTheChangeStreamRebuildsTheProfilesTheApiAnswers(TestNamespace ns) throws Exception {
        LeadStreamConfig config = RunningEngine.config(ns, TOKEN);
        try (RunningEngine engine = RunningEngine.start(ns, config, "change-stream");
             GatewayServer gateway = new GatewayServer(config).start()) {
            engine.awaitRunning();
            GatewayCalls api = new GatewayCalls(gateway.baseUrl(), TOKEN);
            api.define("stages", "lead", "{\"name\": \"Lead\", \"weight\": 10}");
            api.define("point-groups", "b2b", "{\"name\": \"B2B\"}");
            api.define("point-actions", "visit", """
                    {"name": "Any visit", "type": "page_hit", "url": "*", "points": 1, "repeatable": true}""");
            api.define("point-actions", "pricing", """
                    {"name": "Pricing", "type": "page_hit", "url": "*/pricing*", "points": 5, "group": "b2b", "repeatable": true}""");
            api.define("point-triggers", "warm", """
                    {"name": "Warm", "threshold": 3, "actions": [{"type": "change_stage", "stage": "lead"}]}""");
            // The definitions topic has one partition: once a segment defined last is backfilled, the engine has them all.
            long revision = api.define("segments", "leads", """
                    {"name": "Leads", "filters": [{"kind": "points", "operator": "gte", "value": 3}]}""");
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> api.find("/api/v1/segments/leads/backfill"),
                    b -> b != null && b.getLong("revision") == revision && b.getBoolean("done"));

            // An anonymous reader (points only), Ann (identified, fields, a tag added and one removed, the stage from 3 points),
            // a phone that tags itself and then turns out to be Ann (merged into her), and Bob, who is then erased.
            api.hit("csanon01", "https://shop.example/blog", "");
            api.hit("csanon01", "https://shop.example/pricing", "");
            api.hit("csann01", "https://shop.example/", "&email=" + GatewayCalls.enc("ann@example.com"));
            String ann = await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> api.contactByEmail("ann@example.com"),
                    c -> c != null).getString("id");
            accepted(api.send("PATCH", "/api/v1/contacts/" + ann, "{\"fields\": {\"firstname\": \"Ann\", \"city\": \"Oslo\"}}"));
            accepted(api.send("POST", "/api/v1/contacts/" + ann + "/tags", "{\"add\": [\"customer\", \"trial\"]}"));
            accepted(api.send("POST", "/api/v1/contacts/" + ann + "/tags", "{\"remove\": [\"trial\"]}"));
            String phone = IdentityIds.anon("csphone01");
            api.hit("csphone01", "https://shop.example/pricing", "");
            await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> api.find("/api/v1/contacts/" + phone) != null);
            accepted(api.send("POST", "/api/v1/contacts/" + phone + "/tags", "{\"add\": [\"phone\"]}"));
            api.hit("csphone01", "https://shop.example/pricing", "&email=" + GatewayCalls.enc("ann@example.com"));
            api.hit("csbob01", "https://shop.example/", "&email=" + GatewayCalls.enc("bob@example.com"));
            String bob = await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> api.contactByEmail("bob@example.com"),
                    c -> c != null).getString("id");
            assertThat(api.send("DELETE", "/api/v1/contacts/" + bob, null).statusCode()).isBetween(200, 299);

            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                JsonObject merged = api.get("/api/v1/contacts/" + ann);
                assertThat(merged.getJsonArray("tags").getList()).containsExactlyInAnyOrder("customer", "phone");
                assertThat(merged.getString("stage")).isEqualTo("lead");
                assertThat(merged.getJsonObject("pointsByGroup").getMap()).isEqualTo(Map.of("b2b", 10));
                assertThat(api.find("/api/v1/contacts/" + bob)).as("erased").isNull();
            });
            String bootstrap = config.get(KafkaOptions.BOOTSTRAP_SERVERS);
            // The views the API reads are written at checkpoints: compared until they are in.
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                Map<String, RebuiltProfile> rebuilt = KafkaProfileReader.readToEnd(bootstrap, ns.topicPrefix(), Duration.ofSeconds(30));
                assertThat(rebuilt.keySet()).as("every contact but the merged and the erased")
                        .containsExactlyInAnyOrder(IdentityIds.anon("csanon01"), ann);
                for (RebuiltProfile p : rebuilt.values()) {
                    assertThat(asApi(p)).as(p.contactId()).isEqualTo(api(api, p.contactId()));
                }
            });

            Map<String, RebuiltProfile> byFlink = new HashMap<>();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
            try (CloseableIterator<ProfileState> states = FlinkProfileReader.profiles(env, bootstrap, ns.topicPrefix(), true).executeAndCollect()) {
                states.forEachRemaining(s -> {
                    if (s.profile() == null) {
                        byFlink.remove(s.contactId());
                    } else {
                        byFlink.put(s.contactId(), s.profile());
                    }
                });
            }
            assertThat(byFlink).as("the Flink job's profiles are the plain consumer's")
                    .isEqualTo(KafkaProfileReader.readToEnd(bootstrap, ns.topicPrefix(), Duration.ofSeconds(30)));
            assertThat(new HashSet<>(byFlink.get(ann).tags())).isEqualTo(new HashSet<>(List.of("customer", "phone")));
            assertThat(byFlink.get(ann).fields()).containsEntry("firstname", "Ann").containsEntry("email", "ann@example.com");

            // bin/leadstream profiles prints the same, one JSON line per contact.
            java.io.PrintStream out = System.out;
            java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
            System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
            int exit;
            try {
                exit = new picocli.CommandLine(new LeadStreamCli()).execute("profiles", "--kafka", bootstrap, "--topic-prefix", ns.topicPrefix(),
                        "--contact", ann);
            } finally {
                System.setOut(out);
            }
            assertThat(exit).isZero();
            List<String> lines = printed.toString(java.nio.charset.StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("{")).toList();
            assertThat(lines).as("one contact asked for (the log shares the output)").hasSize(1);
            JsonObject line = new JsonObject(lines.get(0));
            assertThat(line.getString("contactId")).isEqualTo(ann);
            assertThat(line.getJsonObject("fields").getString("city")).isEqualTo("Oslo");
            assertThat(line.getJsonObject("pointsByGroup").getInteger("b2b")).isEqualTo(10);
        }
    }

    private static void accepted(java.net.http.HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    /** What the API answers of a contact, in the shape compared. */
    private static Map<String, Object> api(GatewayCalls api, String id) throws Exception {
        JsonObject c = api.get("/api/v1/contacts/" + id);
        Map<String, Object> out = new TreeMap<>();
        out.put("id", c.getString("id"));
        out.put("fields", new TreeMap<>(c.getJsonObject("fields").getMap()));
        out.put("tags", new HashSet<>(c.getJsonArray("tags").getList()));
        out.put("stage", c.getString("stage"));
        out.put("points", c.getInteger("points"));
        out.put("pointsByGroup", new TreeMap<>(c.getJsonObject("pointsByGroup").getMap()));
        out.put("identified", c.getBoolean("identified"));
        out.put("companies", new HashSet<>(c.getJsonArray("companies").getList()));
        out.put("primaryCompany", c.getString("primaryCompany"));
        return out;
    }

    private static Map<String, Object> asApi(RebuiltProfile p) {
        Map<String, Object> out = new TreeMap<>();
        out.put("id", p.contactId());
        out.put("fields", new TreeMap<>(p.fields()));
        out.put("tags", new HashSet<Object>(p.tags()));
        out.put("stage", p.stage());
        out.put("points", p.points());
        out.put("pointsByGroup", new TreeMap<String, Object>(p.pointsByGroup()));
        out.put("identified", p.identified());
        out.put("companies", new HashSet<Object>(p.companies()));
        out.put("primaryCompany", p.primaryCompany());
        return out;
    }
}
