package io.leadstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.leadstream.common.config.CassandraOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.contact.ContactActionEvents;
import io.leadstream.schemas.event.CustomEvent;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.store.cassandra.CassandraSchema;
import io.leadstream.store.cassandra.CassandraSessionFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contacts API on the real embedded Cassandra and Kafka: rows written with plain CQL (USING
 * TIMESTAMP sets the writetimes the profile merge compares), read back through HTTP; tags set
 * through HTTP read back from the raw-events topic.
 *
 * <pre>
 *   a-m2 ──► a-m1 ──► a-root ◄── i-ada ◄── contacts_by_identifier(email, ada@example.com)
 *   a-stale: listed in a-root's merged ids, but its current (first) alias row points elsewhere
 *   b-old ──► b-new          c-x ◄──► c-y (a cycle)          t-only: nothing but a timeline
 *   contact_profiles (points, tags): a row for a-root, and one for a-m1 that a merge left behind
 * </pre>
 */
@ExtendWith(LeadStreamStackExtension.class)
class ContactsApiIT {
    private static final String AUTH = "Bearer " + GatewayFixture.TOKEN;
    private static final String READER = "Bearer read-only-token-0123456789";
    private static final Instant T = Instant.parse("2024-03-01T10:00:00Z");
    private static final AvroCodec<TrackingEvent> CODEC = AvroCodec.of(TrackingEvent.class);

    private static GatewayFixture gw;

    @BeforeAll
    static void writeContactsAndStartGateway(TestNamespace ns) {
        LeadStreamConfig config = ns.config();
        CassandraSchema.apply(config);
        String ks = config.get(CassandraOptions.KEYSPACE) + ".";
        try (CqlSession s = CassandraSessionFactory.open(config)) {
            // aliases: alias -> target, (claim, owner) times; the FIRST row of a partition is current
            alias(s, ks, "a-m1", 1000, 500, "a-root");
            alias(s, ks, "a-m1", 2000, 100, "a-elsewhere"); // a later claim: not current
            alias(s, ks, "a-m2", 1500, 1000, "a-m1");
            alias(s, ks, "i-ada", 1200, 1000, "a-root");
            alias(s, ks, "a-stale", 900, 800, "a-other");    // current row points away from a-root
            alias(s, ks, "a-stale", 3000, 500, "a-root");
            alias(s, ks, "b-old", 1000, 1000, "b-new");
            alias(s, ks, "c-x", 1000, 1000, "c-y");
            alias(s, ks, "c-y", 1000, 1000, "c-x");
            for (String[] m : new String[][] {{"a-root", "a-m1"}, {"a-root", "i-ada"}, {"a-root", "a-stale"}, {"a-m1", "a-m2"}, {"b-new", "b-old"}}) {
                cql(s, "INSERT INTO " + ks + "contact_merged_ids (target_id, alias_id) VALUES (?, ?)", m[0], m[1]);
            }

            // profile fields: per field, the newest writetime across a-root and its current merged ids wins
            field(s, ks, "a-root", "email", "ada@example.com", 1000);
            field(s, ks, "a-root", "firstname", "Ada", 2000);
            field(s, ks, "a-root", "city", "Paris", 5000);
            field(s, ks, "a-m1", "firstname", "Adaline", 3000);
            field(s, ks, "a-m1", "lastname", "Lovelace", 1500);
            field(s, ks, "a-m2", "city", "London", 4000);
            field(s, ks, "a-m2", "phone", "555-0100", 100);
            field(s, ks, "a-stale", "firstname", "Stale", 9999);
            field(s, ks, "b-new", "firstname", "Bob", 1000);
            field(s, ks, "b-old", "lastname", "Builder", 1000);

            contact(s, ks, "a-root", "2024-01-02T00:00:00Z", "2024-01-05T00:00:00Z", "Europe/London", "10.0.0.1", true, "email", "ada@example.com");
            contact(s, ks, "a-m1", "2024-01-01T00:00:00Z", "2024-01-03T00:00:00Z", "America/New_York", "10.0.0.2", false, null, null);
            contact(s, ks, "a-m2", "2024-01-04T00:00:00Z", "2024-01-09T12:00:00Z", null, null, false, null, null);
            contact(s, ks, "a-stale", "2023-01-01T00:00:00Z", "2025-01-01T00:00:00Z", null, null, true, "email", "stale@example.com");
            contact(s, ks, "b-new", "2024-02-01T00:00:00Z", "2024-02-02T00:00:00Z", "Europe/Berlin", "10.0.0.9", false, null, null);

            event(s, ks, "a-root", 10, "e-r1", Map.of());
            event(s, ks, "a-root", 20, "e-b", Map.of());
            event(s, ks, "a-root", 30, "e-r3", Map.of());
            event(s, ks, "a-m1", 20, "e-a", Map.of("formId", "contact-us"));
            event(s, ks, "a-m1", 25, "e-m1", Map.of());
            event(s, ks, "a-m2", 5, "e-m2a", Map.of());
            event(s, ks, "a-m2", 40, "e-m2b", Map.of());
            event(s, ks, "a-stale", 50, "e-stale", Map.of());
            event(s, ks, "t-only", 1, "e-t", Map.of());

            cql(s, "INSERT INTO " + ks + "contacts_by_identifier (field, value, contact_id) VALUES ('email', 'ada@example.com', 'i-ada')");
            cql(s, "INSERT INTO " + ks + "contacts_by_identifier (field, value, contact_id) VALUES ('phone', '555-0100', 'a-m2')");

            profile(s, ks, "a-root", 42, Map.of("pricing", 30, "newsletter", 12), Set.of("vip", "beta", "Zeta"));
            profile(s, ks, "a-m1", 7, Map.of("blog", 7), Set.of("left-behind"));
        }
        gw = new GatewayFixture(ns, c -> c.with(GatewayOptions.API_READ_TOKENS, READER.substring("Bearer ".length())));
    }

    @AfterAll
    static void stopGateway() {
        if (gw != null) {
            gw.close();
        }
    }

    @Test
    void anAliasResolvesToItsRootWithTheMergedProfile() throws Exception {
        JsonObject b = getJson("/api/v1/contacts/b-old");
        assertThat(b.getString("id")).isEqualTo("b-new");
        assertThat(b.getString("requested")).isEqualTo("b-old");
        assertThat(b.getJsonArray("aliases")).containsExactly("b-old");
        assertThat(b.getJsonObject("fields").getMap()).containsExactlyInAnyOrderEntriesOf(Map.of("firstname", "Bob", "lastname", "Builder"));
        assertThat(b.getBoolean("identified")).isFalse();
        assertThat(b.getValue("identifier")).isNull();

        JsonObject root = getJson("/api/v1/contacts/b-new");
        assertThat(root.getString("id")).isEqualTo("b-new");
        assertThat(root.getString("requested")).isEqualTo("b-new");
        assertThat(root.getJsonObject("fields")).isEqualTo(b.getJsonObject("fields"));
    }

    @Test
    void theGdprExportHoldsEveryRowOfTheRootAndItsMergedIds() throws Exception {
        HttpResponse<String> r = get("/api/v1/contacts/a-m2/export");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"contact-a-root.json\"");
        JsonObject doc = new JsonObject(r.body());
        assertThat(doc.getString("contact")).isEqualTo("a-root");
        assertThat(doc.getJsonArray("ids")).containsExactly("a-root", "a-m1", "a-m2", "i-ada");
        assertThat(doc.getJsonArray("devices").getList()).containsExactlyInAnyOrder("dev-a-root", "dev-a-m1", "dev-a-m2");
        JsonObject tables = doc.getJsonObject("tables");
        assertThat(column(tables, "contact_timeline", "event_id")).containsExactlyInAnyOrder("e-r1", "e-b", "e-r3", "e-a", "e-m1", "e-m2a", "e-m2b");
        assertThat(column(tables, "contact_fields", "value")).containsExactlyInAnyOrder(
                "ada@example.com", "Ada", "Paris", "Adaline", "Lovelace", "London", "555-0100");
        assertThat(column(tables, "contacts", "contact_id")).containsExactlyInAnyOrder("a-root", "a-m1", "a-m2");
        assertThat(column(tables, "contact_aliases", "alias_id")).containsExactlyInAnyOrder("a-m1", "a-m1", "a-m2", "i-ada");
        assertThat(column(tables, "contacts_by_identifier", "contact_id")).containsExactly("i-ada");
        assertThat(column(tables, "contact_profiles", "contact_id")).containsExactlyInAnyOrder("a-root", "a-m1");
        assertThat(column(tables, "contact_profiles", "tags")).contains(new JsonArray().add("Zeta").add("beta").add("vip"));
        assertThat(tables.fieldNames()).contains("contact_segments", "campaign_log", "contact_bounces", "device_contacts")
                .doesNotContain("contact_scores", "points_log");
        assertThat(column(tables, "contact_timeline", "detail")).contains(new JsonObject().put("formId", "contact-us"));
        assertThat(column(tables, "contact_timeline", "event_time")).allSatisfy(t -> assertThat(Instant.parse((String) t)).isAfter(T));

        assertThat(get("/api/v1/contacts/nobody-at-all/export").statusCode()).isEqualTo(404);
        assertThat(gw.get("/api/v1/contacts/a-root/export").statusCode()).as("no token").isEqualTo(401);
    }

    private static List<Object> column(JsonObject tables, String table, String column) {
        return tables.getJsonArray(table).stream().map(JsonObject.class::cast).map(o -> o.getValue(column)).toList();
    }

    @Test
    void aChainOfTwoHopsEndsAtTheRootAndTheProfileTakesTheNewestValuePerField() throws Exception {
        JsonObject c = getJson("/api/v1/contacts/a-m2");
        assertThat(c.getString("id")).isEqualTo("a-root");
        assertThat(c.getString("requested")).isEqualTo("a-m2");
        // a-m2 is merged into a-m1 (second level); a-stale's current alias row points elsewhere
        assertThat(c.getJsonArray("aliases")).containsExactly("a-m1", "a-m2", "i-ada");
        assertThat(c.getJsonObject("fields").getMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "email", "ada@example.com",
                "firstname", "Adaline",   // a-m1 @3000 beats a-root @2000; a-stale @9999 is not merged
                "lastname", "Lovelace",
                "city", "Paris",          // a-root @5000 beats a-m2 @4000
                "phone", "555-0100"));
        assertThat(c.getBoolean("identified")).isTrue();
        assertThat(c.getJsonObject("identifier")).isEqualTo(new JsonObject().put("field", "email").put("value", "ada@example.com"));
        assertThat(c.getString("firstSeen")).isEqualTo("2024-01-01T00:00:00Z");
        assertThat(c.getString("lastSeen")).isEqualTo("2024-01-09T12:00:00Z");
        assertThat(c.getString("timezone")).isEqualTo("Europe/London");
        assertThat(c.getString("ip")).isEqualTo("10.0.0.1");

        JsonObject m1 = getJson("/api/v1/contacts/a-m1");
        assertThat(m1.getString("id")).isEqualTo("a-root"); // its first alias row, not the later one
        assertThat(m1.copy().put("requested", "a-m2")).isEqualTo(c);
    }

    @Test
    void pointsAndTagsAreTheRootsContactProfilesRowWhicheverIdIsAsked() throws Exception {
        for (String path : List.of("/api/v1/contacts/a-root", "/api/v1/contacts/a-m2", "/api/v1/contacts?email=ada%40example.com")) {
            JsonObject c = getJson(path);
            assertThat(c.getString("id")).as(path).isEqualTo("a-root");
            assertThat(c.getInteger("points")).as(path).isEqualTo(42); // not a-m1's row: the engine folded it into a-root's
            assertThat(c.getJsonObject("pointsByGroup")).as(path).isEqualTo(new JsonObject().put("newsletter", 12).put("pricing", 30));
            assertThat(c.getJsonObject("pointsByGroup").fieldNames()).as("sorted").containsExactly("newsletter", "pricing");
            assertThat(c.getJsonArray("tags")).as(path).containsExactly("Zeta", "beta", "vip");
        }
        for (String id : List.of("b-old", "t-only")) { // no contact_profiles row: nothing scored or tagged yet
            JsonObject c = getJson("/api/v1/contacts/" + id);
            assertThat(c.getInteger("points")).as(id).isZero();
            assertThat(c.getJsonObject("pointsByGroup")).as(id).isEqualTo(new JsonObject());
            assertThat(c.getJsonArray("tags")).as(id).isEqualTo(new JsonArray());
        }
    }

    @Test
    void taggingAContactPublishesTheTagsEventOfItsRootAndAnswers202() throws Exception {
        Instant before = Instant.now();
        HttpResponse<String> r = postTags("a-m2", "{\"add\": [\" vip \", \"lead\", \"vip\"], \"remove\": [\"cold\"]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonObject reply = new JsonObject(r.body());
        assertThat(reply.getString("contact")).isEqualTo("a-root");
        assertThat(reply.getString("requested")).isEqualTo("a-m2");
        assertThat(reply.getJsonArray("add")).containsExactly("vip", "lead");
        assertThat(reply.getJsonArray("remove")).containsExactly("cold");

        ConsumerRecord<String, byte[]> record = published(reply.getString("eventId"));
        assertThat(record.key()).as("keyed as the identity stage keys a device-less event").isEqualTo("contact-device:a-root");
        TrackingEvent event = CODEC.decode(record.value());
        assertThat(event.getSource()).isEqualTo(Source.API);
        assertThat(event.getContactId()).isEqualTo("a-root");
        assertThat(event.getDeviceId()).isNull();
        assertThat(event.getEventTime()).isBetween(before.minusMillis(1), Instant.now());
        assertThat(event.getContext().getTrackable()).isFalse();
        assertThat(event.getContext().getNonTrackableReason()).isEqualTo("api: tags");
        assertThat(event.getFields()).isEmpty();
        assertThat(event.getPayload()).isInstanceOf(CustomEvent.class);
        CustomEvent tags = (CustomEvent) event.getPayload();
        assertThat(tags.getName()).isEqualTo(ContactActionEvents.TAGS);
        assertThat(tags.getProperties()).isEqualTo(Map.of(ContactActionEvents.TAGS_ADD, "vip,lead", ContactActionEvents.TAGS_REMOVE, "cold"));

        HttpResponse<String> removeOnly = postTags("b-new", "{\"remove\": [\"vip\"]}");
        assertThat(removeOnly.statusCode()).as(removeOnly.body()).isEqualTo(202);
        TrackingEvent removal = CODEC.decode(published(new JsonObject(removeOnly.body()).getString("eventId")).value());
        assertThat(removal.getContactId()).isEqualTo("b-new");
        assertThat(((CustomEvent) removal.getPayload()).getProperties()).as("no empty add").isEqualTo(Map.of(ContactActionEvents.TAGS_REMOVE, "vip"));
    }

    @Test
    void tagRequestsBreakingARuleAre400WithTheReason() throws Exception {
        String[][] refused = {
                {"not json", "body must be a JSON object"},
                {"[\"vip\"]", "body must be a JSON object"},
                {"{\"tags\": [\"vip\"]}", "unknown key 'tags'"},
                {"{\"add\": \"vip\"}", "add: an array of tags"},
                {"{\"remove\": [7]}", "remove[0]: a tag is a string"},
                {"{}", "give at least one tag to add or remove"},
                {"{\"add\": [], \"remove\": []}", "give at least one tag to add or remove"},
                {"{\"add\": [\"ok\", \"   \"]}", "add[1]: a tag has 1 to 64 characters"},
                {"{\"add\": [\"" + "x".repeat(65) + "\"]}", "add[0]: a tag has 1 to 64 characters"},
                {"{\"remove\": [\"a,b\"]}", "remove[0]: a tag has no comma"},
                {"{\"add\": [\"a\\u0007b\"]}", "add[0]: a tag has no control characters"},
                {"{\"add\": [\"a\\nb\"]}", "add[0]: a tag has no control characters"},
                {new JsonObject().put("add", new JsonArray(IntStream.range(0, 101).mapToObj(i -> "t" + i).toList())).encode(),
                        "at most 100 tags per request"},
                {"{\"add\": [\"vip\"], \"remove\": [\" vip\"]}", "tag 'vip' is both in add and in remove"},
        };
        for (String[] c : refused) {
            HttpResponse<String> r = postTags("a-root", c[0]);
            assertThat(r.statusCode()).as(c[0] + ": " + r.body()).isEqualTo(400);
            assertThat(new JsonObject(r.body()).getJsonObject("error").getString("message")).as(c[0]).contains(c[1]);
        }
        assertThat(postTags("bad%20id", "{\"add\": [\"vip\"]}").statusCode()).isEqualTo(400);
        assertThat(gw.post("/api/v1/contacts/a-root/tags", "text/plain", "{\"add\": [\"vip\"]}", "Authorization", AUTH).statusCode())
                .as("JSON only").isEqualTo(415);
    }

    @Test
    void taggingAnUnknownContactIs404AndNeedsTheAdminToken() throws Exception {
        HttpResponse<String> unknown = postTags("nobody", "{\"add\": [\"vip\"]}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(unknown.body()).getJsonObject("error").getString("message")).isEqualTo("no contact nobody");

        String body = "{\"add\": [\"vip\"]}";
        HttpResponse<String> reader = gw.post("/api/v1/contacts/a-root/tags", "application/json", body, "Authorization", READER);
        assertThat(reader.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(reader.body()).getJsonObject("error").getString("message")).contains("may only read");
        assertThat(getJson("/api/v1/contacts/a-root").getInteger("points")).as("the same token reads").isEqualTo(42);
        assertThat(gw.post("/api/v1/contacts/a-root/tags", "application/json", body).statusCode()).isEqualTo(401);
    }

    @Test
    void lookupByEmailIsCaseInsensitiveAndResolvesTheStoredId() throws Exception {
        JsonObject byEmail = getJson("/api/v1/contacts?email=" + GatewayFixture.enc("  Ada@Example.COM "));
        assertThat(byEmail.getString("id")).isEqualTo("a-root");
        assertThat(byEmail.getString("requested")).isEqualTo("i-ada");
        assertThat(byEmail.getJsonObject("fields").getString("firstname")).isEqualTo("Adaline");

        JsonObject generic = getJson("/api/v1/contacts?field=email&value=ADA%40example.com");
        assertThat(generic).isEqualTo(byEmail);
        assertThat(getJson("/api/v1/contacts?field=phone&value=555-0100").getString("id")).isEqualTo("a-root");

        HttpResponse<String> none = get("/api/v1/contacts?email=nobody%40example.com");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(none.body()).getJsonObject("error").getString("message")).contains("nobody@example.com");
        assertThat(get("/api/v1/contacts").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/contacts?email=%20").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/contacts?field=email").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/contacts?field=bad%20field&value=x").statusCode()).isEqualTo(400);
    }

    @Test
    void timelinePagesAcrossTheRootAndItsMergedIdsNewestFirst() throws Exception {
        JsonObject p1 = getJson("/api/v1/contacts/a-root/timeline?page=1&size=3");
        assertThat(p1.getString("id")).isEqualTo("a-root");
        assertThat(p1.getInteger("page")).isEqualTo(1);
        assertThat(p1.getInteger("size")).isEqualTo(3);
        assertThat(eventIds(p1)).containsExactly("e-m2b", "e-r3", "e-m1");
        assertThat(p1.getBoolean("hasMore")).isTrue();

        JsonObject p2 = getJson("/api/v1/contacts/a-root/timeline?page=2&size=3");
        assertThat(eventIds(p2)).containsExactly("e-a", "e-b", "e-r1"); // same time: event id ascending
        assertThat(p2.getBoolean("hasMore")).isTrue();

        JsonObject p3 = getJson("/api/v1/contacts/a-m2/timeline?page=3&size=3"); // through the alias chain
        assertThat(p3.getString("id")).isEqualTo("a-root");
        assertThat(eventIds(p3)).containsExactly("e-m2a");
        assertThat(p3.getBoolean("hasMore")).isFalse();

        assertThat(eventIds(getJson("/api/v1/contacts/a-root/timeline?page=4&size=3"))).isEmpty();

        JsonObject all = getJson("/api/v1/contacts/i-ada/timeline");
        assertThat(all.getInteger("page")).isEqualTo(1);
        assertThat(all.getInteger("size")).isEqualTo(25);
        assertThat(eventIds(all)).containsExactly("e-m2b", "e-r3", "e-m1", "e-a", "e-b", "e-r1", "e-m2a");
        assertThat(all.getBoolean("hasMore")).isFalse();
        JsonObject ea = all.getJsonArray("events").getJsonObject(3);
        assertThat(ea.getString("eventTime")).isEqualTo(T.plusSeconds(20).toString());
        assertThat(ea.getString("kind")).isEqualTo("page_hit");
        assertThat(ea.getString("deviceId")).isEqualTo("dev-a-m1");
        assertThat(ea.getString("url")).isEqualTo("https://shop.example/e-a");
        assertThat(ea.getString("title")).isEqualTo("Page e-a");
        assertThat(ea.getJsonObject("detail")).isEqualTo(new JsonObject().put("formId", "contact-us"));

        assertThat(get("/api/v1/contacts/a-root/timeline?size=101").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/contacts/a-root/timeline?page=0").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/contacts/a-root/timeline?page=x").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/contacts/nobody/timeline").statusCode()).isEqualTo(404);
    }

    @Test
    void unknownIdsAre404AndACycleOrATimelineAloneIsKnown() throws Exception {
        HttpResponse<String> unknown = get("/api/v1/contacts/nobody");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(new JsonObject(unknown.body()).getJsonObject("error").getInteger("code")).isEqualTo(404);

        JsonObject cycle = getJson("/api/v1/contacts/c-y");
        assertThat(cycle.getString("id")).isEqualTo("c-x"); // the cycle's smallest id, whichever member is asked
        assertThat(getJson("/api/v1/contacts/c-x").getString("id")).isEqualTo("c-x");

        JsonObject timelineOnly = getJson("/api/v1/contacts/t-only");
        assertThat(timelineOnly.getString("id")).isEqualTo("t-only");
        assertThat(timelineOnly.getJsonObject("fields")).isEqualTo(new JsonObject());
        assertThat(timelineOnly.getValue("firstSeen")).isNull();
    }

    @Test
    void badIdsAre400AndTheApiNeedsTheBearerToken() throws Exception {
        assertThat(get("/api/v1/contacts/bad%20id").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/contacts/bad%2Fid").statusCode()).isIn(400, 404);
        assertThat(get("/api/v1/contacts/" + "x".repeat(129)).statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/contacts/bad%22id/timeline").statusCode()).isEqualTo(400);

        assertThat(gw.get("/api/v1/contacts/a-root").statusCode()).isEqualTo(401);
        assertThat(gw.get("/api/v1/contacts/a-root", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(gw.get("/api/v1/contacts?email=ada%40example.com").statusCode()).isEqualTo(401);
        assertThat(gw.get("/api/v1/contacts/a-root/timeline").statusCode()).isEqualTo(401);
    }

    @Test
    void withoutCassandraTheContactsApiAnswers503AndTrackingStillWorks(TestNamespace ns) throws Exception {
        String nobodyListens;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobodyListens = "127.0.0.1:" + socket.getLocalPort();
        }
        try (GatewayFixture down = new GatewayFixture(ns, c -> c.with(CassandraOptions.CONTACT_POINTS, nobodyListens))) {
            long t0 = System.nanoTime();
            HttpResponse<String> contact = down.get("/api/v1/contacts/a-root", "Authorization", AUTH);
            assertThat(contact.statusCode()).isEqualTo(503);
            assertThat(contact.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(new JsonObject(contact.body()).getJsonObject("error").getString("message")).contains("no Cassandra node answers");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
            // within the retry interval the same failure is answered at once, without a new connection attempt
            assertThat(down.get("/api/v1/contacts/a-root/timeline", "Authorization", AUTH).statusCode()).isEqualTo(503);

            assertThat(down.get("/mtracking.gif?page_url=" + GatewayFixture.enc("https://shop.example/"),
                    "Cookie", "mautic_device_id=devdown001", "User-Agent", "Mozilla/5.0 Firefox/130.0").statusCode()).isEqualTo(200);
            assertThat(down.drain()).extracting(e -> e.getDeviceId()).containsExactly("devdown001");
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static HttpResponse<String> get(String path) throws Exception {
        return gw.get(path, "Authorization", AUTH);
    }

    private static HttpResponse<String> postTags(String id, String body) throws Exception {
        return gw.post("/api/v1/contacts/" + id + "/tags", "application/json", body, "Authorization", AUTH);
    }

    /** The raw-events record of the event: the 202 came after Kafka's ack, so it is below the end offsets. */
    private static ConsumerRecord<String, byte[]> published(String eventId) {
        List<ConsumerRecord<String, byte[]>> found = gw.rawEventRecords().stream()
                .filter(rec -> CODEC.decode(rec.value()).getEventId().equals(eventId)).toList();
        assertThat(found).as("event " + eventId + " on raw-events").hasSize(1);
        return found.get(0);
    }

    private static JsonObject getJson(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        return new JsonObject(r.body());
    }

    private static List<String> eventIds(JsonObject page) {
        JsonArray events = page.getJsonArray("events");
        return IntStream.range(0, events.size()).mapToObj(i -> events.getJsonObject(i).getString("eventId")).toList();
    }

    private static void cql(CqlSession s, String cql, Object... values) {
        s.execute(SimpleStatement.newInstance(cql, values).setTimeout(Duration.ofSeconds(30)));
    }

    private static void alias(CqlSession s, String ks, String alias, long claimMillis, long ownerMillis, String target) {
        cql(s, "INSERT INTO " + ks + "contact_aliases (alias_id, claim_time, owner_time, target_id) VALUES (?, ?, ?, ?)",
                alias, Instant.ofEpochMilli(claimMillis), Instant.ofEpochMilli(ownerMillis), target);
    }

    private static void field(CqlSession s, String ks, String contact, String field, String value, long writetimeMicros) {
        cql(s, "INSERT INTO " + ks + "contact_fields (contact_id, field, value) VALUES (?, ?, ?) USING TIMESTAMP " + writetimeMicros,
                contact, field, value);
    }

    private static void contact(CqlSession s, String ks, String id, String firstSeen, String lastSeen, String timezone, String ip,
                                boolean identified, String identifierField, String identifierValue) {
        cql(s, "INSERT INTO " + ks + "contacts (contact_id, first_seen, last_seen, timezone, ip, identified, identifier_field, identifier_value)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                id, Instant.parse(firstSeen), Instant.parse(lastSeen), timezone, ip, identified, identifierField, identifierValue);
    }

    private static void profile(CqlSession s, String ks, String contact, int points, Map<String, Integer> byGroup, Set<String> tags) {
        cql(s, "INSERT INTO " + ks + "contact_profiles (contact_id, points, points_by_group, tags) VALUES (?, ?, ?, ?)", contact, points, byGroup, tags);
    }

    private static void event(CqlSession s, String ks, String contact, int secondsAfterT, String eventId, Map<String, String> detail) {
        cql(s, "INSERT INTO " + ks + "contact_timeline (contact_id, event_time, event_id, kind, device_id, url, title, detail)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                contact, T.plusSeconds(secondsAfterT), eventId, "page_hit", "dev-" + contact, "https://shop.example/" + eventId,
                "Page " + eventId, detail);
    }
}
