package io.leadstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.ids.IdentityIds;
import io.leadstream.gateway.GatewayOptions;
import io.leadstream.gateway.GatewayServer;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * GDPR erasure through the whole system: a person with two devices (merged by their email), fields,
 * a segment membership, a form submission with a file and an identifier is erased through the API. Every row about them is gone
 * from Cassandra; a later hit from one of their devices and a server-side event naming them leave no
 * trace (the engine's tombstones, tested with the repeated deletion pushed out of the way); the
 * address is free: signing up with it again makes a new contact, without the old data.
 */
@ExtendWith(LeadStreamStackExtension.class)
class GdprErasureIT {
    private static final String TOKEN = "gdpr-token";
    /** The second deletion pass, for rows the engine's sinks had in flight; after it only tombstones protect. */
    private static final Duration REPEAT = Duration.ofSeconds(3);

    @Test
    void anErasedPersonIsGoneFromEveryTableAndStaysGone(TestNamespace ns, @org.junit.jupiter.api.io.TempDir java.nio.file.Path assets) throws Exception {
        LeadStreamConfig config = RunningEngine.config(ns, TOKEN).with(GatewayOptions.ERASE_REPEAT_AFTER, REPEAT)
                .with(GatewayOptions.ASSET_DIR, assets.toString());
        try (RunningEngine engine = RunningEngine.start(ns, config, "gdpr-erasure");
             GatewayServer gateway = new GatewayServer(config).start();
             CqlSession cql = ns.stack().cassandra().newSession()) {
            engine.awaitRunning();
            GatewayCalls api = new GatewayCalls(gateway.baseUrl(), TOKEN);
            assertThat(api.send("PUT", "/api/v1/segments/active", "{\"name\": \"Active\", \"filters\": "
                    + "[{\"kind\": \"last_active\", \"operator\": \"gte\", \"date\": \"-7 days\"}]}").statusCode()).isEqualTo(201);
            assertThat(api.send("PUT", "/api/v1/forms/feedback", "{\"name\": \"Feedback\", \"fields\": [{\"alias\": \"email\", \"type\": \"email\"},"
                    + " {\"alias\": \"message\", \"type\": \"textarea\", \"contactField\": null},"
                    + " {\"alias\": \"notes\", \"type\": \"file\", \"extensions\": [\"txt\"]}]}").statusCode()).isEqualTo(201);

            // Erin on her laptop, then on her phone: one person, two devices, merged by her address.
            JsonObject erin = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                api.hit("gdprlaptop01", "https://shop.example/pricing", "&email=erin%40example.com&firstname=Erin");
                api.hit("gdprphone001", "https://shop.example/cart", "&email=erin%40example.com&city=Oslo");
                JsonObject c = api.contactByEmail("erin@example.com");
                return c != null && c.getJsonArray("aliases").size() >= 1 && "Oslo".equals(c.getJsonObject("fields").getString("city"))
                        && members(api).contains(c.getString("id")) ? c : null;
            }, c -> c != null);
            String id = erin.getString("id");
            List<String> ids = new java.util.ArrayList<>(List.of(id));
            erin.getJsonArray("aliases").forEach(a -> ids.add((String) a));
            assertThat(ids).contains(IdentityIds.anon("gdprlaptop01"), IdentityIds.anon("gdprphone001"));
            String ks = ns.keyspace();
            // Her words in a form's results are hers too.
            api.submitWithFile("gdprlaptop01", "feedback", java.util.Map.of("email", "erin@example.com", "message", "Erin writes"),
                    "notes", "erin.txt", "Erin's own notes".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            java.nio.file.Path uploads = assets.resolve("form-files");
            assertThat(uploads.toFile().list()).as("her file is kept").hasSize(1);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> formResults(cql, ks).contains("Erin writes"));
            assertThat(api.get("/api/v1/contacts/" + id + "/export").getJsonObject("tables").getJsonArray("contact_form_submissions").encode())
                    .as("the access request shows her submission").contains("Erin writes");
            assertThat(rows(cql, ks, ids, List.of("gdprlaptop01", "gdprphone001"))).as("what there is to erase").isNotEmpty();

            HttpResponse<String> erased = api.send("DELETE", "/api/v1/contacts/" + IdentityIds.anon("gdprphone001"), null);
            assertThat(erased.statusCode()).as(erased.body()).isEqualTo(202);
            JsonObject done = new JsonObject(erased.body());
            assertThat(done.getString("contact")).isEqualTo(id);
            assertThat(done.getJsonArray("ids").getList()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(done.getInteger("devices")).isEqualTo(2);
            assertThat(done.getLong("rowsDeleted")).isPositive();

            // The hits above may still have writes in flight; the repeated deletion takes those.
            Thread.sleep(REPEAT.toMillis() + 2000);
            assertThat(rows(cql, ks, ids, List.of("gdprlaptop01", "gdprphone001"))).as("rows left after the erasure").isEmpty();
            assertThat(formResults(cql, ks)).as("the form's results").doesNotContain("Erin writes");
            assertThat(uploads.toFile().list()).as("the file she uploaded").isEmpty();
            assertThat(cql.execute("SELECT ids FROM " + ks + ".contact_erasures WHERE contact_id = ?", id).one().getSet(0, String.class))
                    .containsExactlyInAnyOrderElementsOf(ids);
            assertThat(api.send("GET", "/api/v1/contacts/" + id, null).statusCode()).isEqualTo(404);
            assertThat(api.contactByEmail("erin@example.com")).isNull();

            // Late traffic: her phone again, and a server-side event naming her. Then someone new signs up
            // with her address; once that is in, the engine has long passed the late ones.
            api.hit("gdprphone001", "https://shop.example/after", "&firstname=Zombie");
            assertThat(api.send("POST", "/api/v1/events", "{\"events\": [{\"type\": \"custom\", \"name\": \"purchase\", \"contact_id\": \""
                    + id + "\", \"fields\": {\"city\": \"Zombieland\"}}]}").statusCode()).isEqualTo(202);
            JsonObject again = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                api.hit("gdprnewdev01", "https://shop.example/signup", "&email=erin%40example.com&firstname=Erin2");
                return api.contactByEmail("erin@example.com");
            }, c -> c != null && "Erin2".equals(c.getJsonObject("fields").getString("firstname")));
            assertThat(again.getString("id")).as("a new contact").isEqualTo(IdentityIds.anon("gdprnewdev01")).isNotIn(ids);
            assertThat(again.getJsonObject("fields").getMap()).doesNotContainKey("city");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> members(api).contains(again.getString("id")));
            Thread.sleep(REPEAT.toMillis() + 2000); // the late events had their chance; no repeated deletion is left to hide them
            // id(email) is the address's own id: it now leads to the new owner, which is no trace of Erin.
            String addressId = IdentityIds.forIdentifier(IdentityIds.identifierKey("email", "erin@example.com"));
            assertThat(cql.execute("SELECT target_id FROM " + ks + ".contact_aliases WHERE alias_id = ?", addressId).one().getString(0))
                    .isEqualTo(again.getString("id"));
            List<String> erinsOwn = ids.stream().filter(i -> !i.equals(addressId)).toList();
            assertThat(rows(cql, ks, erinsOwn, List.of("gdprlaptop01", "gdprphone001"))).as("rows brought back by late events").isEmpty();
            assertThat(members(api)).doesNotContainAnyElementsOf(ids);
        }
    }

    /** Rows about the ids and devices in every table that holds a person's data, by "table key" (none: empty). */
    private static java.util.Map<String, Long> rows(CqlSession cql, String ks, List<String> ids, List<String> devices) {
        java.util.Map<String, Long> found = new java.util.TreeMap<>();
        for (String[] t : new String[][] {{"contacts", "contact_id"}, {"contact_fields", "contact_id"}, {"contact_timeline", "contact_id"},
                {"contact_aliases", "alias_id"}, {"contact_merged_ids", "target_id"}, {"contact_segments", "contact_id"},
                {"contact_profiles", "contact_id"}, {"campaign_log", "contact_id"}, {"contact_form_submissions", "contact_id"}}) {
            for (String id : ids) {
                count(found, t[0] + " " + id, cql.execute("SELECT COUNT(*) FROM " + ks + "." + t[0] + " WHERE " + t[1] + " = ?", id).one().getLong(0));
            }
        }
        for (String t : List.of("device_contacts")) {
            for (String d : devices) {
                count(found, t + " " + d, cql.execute("SELECT COUNT(*) FROM " + ks + "." + t + " WHERE device_id = ?", d).one().getLong(0));
            }
        }
        for (String id : ids) {
            count(found, "segment_members " + id, cql.execute("SELECT COUNT(*) FROM " + ks + ".segment_members WHERE segment_id = 'active' AND contact_id = ?", id)
                    .one().getLong(0));
        }
        com.datastax.oss.driver.api.core.cql.Row owner = cql.execute("SELECT contact_id FROM " + ks
                + ".contacts_by_identifier WHERE field = 'email' AND value = 'erin@example.com'").one();
        if (owner != null && ids.contains(owner.getString(0))) {
            count(found, "contacts_by_identifier " + owner.getString(0), 1); // the address still leads to the erased person
        }
        return found;
    }

    /** Every value in the feedback form's results. */
    private static String formResults(CqlSession cql, String ks) {
        return cql.execute("SELECT form_values FROM " + ks + ".form_submissions WHERE form_id = 'feedback'").all().stream()
                .map(r -> r.getMap(0, String.class, String.class).toString()).toList().toString();
    }

    private static void count(java.util.Map<String, Long> found, String where, long n) {
        if (n > 0) {
            found.put(where, n);
        }
    }

    private static List<Object> members(GatewayCalls api) throws Exception {
        JsonArray m = api.get("/api/v1/segments/active/contacts").getJsonArray("contacts");
        return m == null ? List.of() : m.getList();
    }

}
