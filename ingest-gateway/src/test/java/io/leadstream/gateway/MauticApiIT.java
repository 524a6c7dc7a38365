package io.leadstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.TopicNames;
import io.leadstream.common.email.SegmentSends;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.contact.ContactActionEvents;
import io.leadstream.schemas.engine.SegmentCommand;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.CustomEvent;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.stack.TopicReader;
import io.leadstream.store.cassandra.CassandraSchema;
import io.leadstream.store.cassandra.table.EmailStatsTable;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Mautic's REST API on the gateway alone (Kafka and Cassandra real, no engine): the shapes Mautic's
 * clients read, errors as {@code {"errors": [...]}} for every failure and unknown route, the
 * {@code Mautic-Version} header, users' roles, integer ids, read-your-writes before the engine has
 * applied anything, and the records each write puts on Kafka for the engine and the send workers.
 */
@ExtendWith(LeadStreamStackExtension.class)
class MauticApiIT {
    private static final String ADMIN = "Bearer " + GatewayFixture.TOKEN;
    private static GatewayFixture gw;
    private static String marketer;
    private static String analyst;

    @BeforeAll
    static void start(TestNamespace ns) throws Exception {
        CassandraSchema.apply(ns.config());
        gw = new GatewayFixture(ns, c -> c);
        for (String[] u : List.of(new String[] {"mia", "marketer"}, new String[] {"abe", "analyst"})) {
            assertThat(gw.post("/api/v1/users", "application/json", new JsonObject().put("username", u[0]).put("password", u[0] + "-password-1")
                    .put("role", u[1]).encode(), "Authorization", ADMIN).statusCode()).isEqualTo(201);
        }
        marketer = basic("mia", "mia-password-1");
        analyst = basic("abe", "abe-password-1");
        assertThat(gw.send("PUT", "/api/v1/segments/newsletter", "application/json", "{\"name\": \"Newsletter\", \"filters\": []}",
                "Authorization", ADMIN).statusCode()).isEqualTo(201);
        assertThat(gw.send("PUT", "/api/v1/emails/promo", "application/json", """
                {"name": "Promo", "type": "marketing", "from": "news@shop.example", "subject": "Sale", "html": "<p>Sale</p>", "text": "Sale"}""",
                "Authorization", ADMIN).statusCode()).isEqualTo(201);
        assertThat(gw.send("PUT", "/api/v1/campaigns/onboarding", "application/json", """
                {"name": "Onboarding", "sources": {"segments": ["newsletter"]}, "events": [
                  {"id": "send", "type": "action", "kind": "send_email", "email": "promo"}]}""", "Authorization", ADMIN).statusCode())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> call(String auth, String method, String path, String json) throws Exception {
        return gw.send(method, path, "application/json", json, "Authorization", auth);
    }

    @Test
    void aContactIsCreatedByEmailAnsweredInMauticsShapeAndFoundAtOnce() throws Exception {
        HttpResponse<String> created = call(marketer, "POST", "/api/contacts/new",
                "{\"email\": \"Grace@Navy.example\", \"firstname\": \"Grace\", \"tags\": \"vip,admiral\", \"overwriteWithBlank\": true}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Mautic-Version")).isPresent();
        JsonObject contact = new JsonObject(created.body()).getJsonObject("contact");
        long id = contact.getLong("id");
        assertThat(id).isPositive().isLessThanOrEqualTo((1L << 53) - 1);
        assertThat(contact.getJsonObject("fields").getJsonObject("all").getString("firstname")).isEqualTo("Grace");
        assertThat(contact.getJsonObject("fields").getJsonObject("all").getLong("id")).isEqualTo(id);
        assertThat(contact.getJsonObject("fields").getJsonObject("core").getJsonObject("email").getString("value")).isEqualToIgnoringCase("grace@navy.example");
        assertThat(contact.getJsonObject("fields").getJsonObject("core").getJsonObject("email").getString("type")).isEqualTo("email");
        assertThat(contact.getJsonArray("tags").stream().map(t -> ((JsonObject) t).getString("tag"))).containsExactly("admiral", "vip");

        // The same address again is the same contact (an upsert), answered 200.
        HttpResponse<String> again = call(marketer, "POST", "/api/contacts/new", "{\"email\": \"grace@navy.example\", \"lastname\": \"Hopper\"}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(again.body()).getJsonObject("contact").getLong("id")).isEqualTo(id);

        for (String query : List.of("search=" + GatewayFixture.enc("email:grace@navy.example"), "search=" + GatewayFixture.enc("grace@navy.example"),
                "where%5B0%5D%5Bcol%5D=email&where%5B0%5D%5Bexpr%5D=eq&where%5B0%5D%5Bval%5D=" + GatewayFixture.enc("grace@navy.example"))) {
            HttpResponse<String> found = call(analyst, "GET", "/api/contacts?" + query, null);
            assertThat(found.statusCode()).as(query).isEqualTo(200);
            JsonObject list = new JsonObject(found.body());
            assertThat(list.getInteger("total")).as(query).isEqualTo(1);
            assertThat(list.getJsonObject("contacts").getJsonObject(Long.toString(id)).getJsonObject("fields").getJsonObject("all")
                    .getString("lastname")).isEqualTo("Hopper");
        }
        assertThat(new JsonObject(call(analyst, "GET", "/api/contacts?search=" + GatewayFixture.enc("nobody@navy.example"), null).body())
                .getInteger("total")).isZero();

        // Edits answer the change; the next read sees it.
        HttpResponse<String> edited = call(marketer, "PATCH", "/api/contacts/" + id + "/edit", "{\"city\": \"Arlington\"}");
        assertThat(edited.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(edited.body()).getJsonObject("contact").getJsonObject("fields").getJsonObject("all").getString("city"))
                .isEqualTo("Arlington");
        JsonObject read = new JsonObject(call(analyst, "GET", "/api/contacts/" + id, null).body()).getJsonObject("contact");
        assertThat(read.getJsonObject("fields").getJsonObject("all").getString("city")).isEqualTo("Arlington");
        assertThat(read.getJsonObject("fields").getJsonObject("all").getString("firstname")).isEqualTo("Grace");

        // Points and do-not-contact: actions answer {"success": 1} or the contact, and reads show them at once.
        assertThat(call(marketer, "POST", "/api/contacts/" + id + "/points/plus/12", null).body()).isEqualTo("{\"success\":1}");
        assertThat(call(marketer, "POST", "/api/contacts/" + id + "/points/minus/2", null).body()).isEqualTo("{\"success\":1}");
        assertThat(new JsonObject(call(analyst, "GET", "/api/contacts/" + id, null).body()).getJsonObject("contact").getInteger("points")).isEqualTo(10);
        JsonObject blocked = new JsonObject(call(marketer, "POST", "/api/contacts/" + id + "/dnc/email/add", "{\"reason\": 3}").body());
        assertThat(blocked.getJsonObject("contact").getJsonArray("doNotContact").getJsonObject(0).getString("channel")).isEqualTo("email");
        assertThat(blocked.getJsonObject("contact").getJsonArray("doNotContact").getJsonObject(0).getInteger("reason")).isEqualTo(3);

        // What reached Kafka for the engine: the identify events, the edit, points and do-not-contact as the contact's events.
        List<TrackingEvent> events = gw.drain();
        assertThat(events).filteredOn(e -> !(e.getPayload() instanceof CustomEvent)).extracting(e -> e.getFields().get("firstname") + " "
                + e.getFields().get("lastname") + " " + e.getFields().get("email").toLowerCase(java.util.Locale.ROOT))
                .contains("Grace null grace@navy.example", "null Hopper grace@navy.example");
        assertThat(events).filteredOn(e -> e.getPayload() instanceof CustomEvent).extracting(e -> ((CustomEvent) e.getPayload()).getName() + " "
                + new java.util.TreeMap<>(((CustomEvent) e.getPayload()).getProperties()) + " " + new java.util.TreeMap<>(e.getFields()))
                .contains(ContactActionEvents.FIELDS + " {} {city=Arlington}", ContactActionEvents.POINTS + " {delta=12} {}",
                        ContactActionEvents.POINTS + " {delta=-2} {}", ContactActionEvents.DNC + " {dnc=true} {}",
                        ContactActionEvents.TAGS + " {add=vip,admiral} {}");
    }

    @Test
    void segmentsEmailsCampaignsAndFieldsAreListedByIntegerIdAndActOnAContact() throws Exception {
        long contact = new JsonObject(call(marketer, "POST", "/api/contacts/new", "{\"email\": \"katherine@nasa.example\"}").body())
                .getJsonObject("contact").getLong("id");
        JsonObject segments = new JsonObject(call(analyst, "GET", "/api/segments?search=newsletter", null).body());
        assertThat(segments.getJsonObject("lists").size()).isEqualTo(1);
        JsonObject segment = segments.getJsonObject("lists").stream().map(e -> (JsonObject) e.getValue()).findFirst().orElseThrow();
        assertThat(segment.getString("alias")).isEqualTo("newsletter");
        assertThat(new JsonObject(call(analyst, "GET", "/api/segments/" + segment.getLong("id"), null).body()).getJsonObject("list").getString("name"))
                .isEqualTo("Newsletter");
        assertThat(call(marketer, "POST", "/api/segments/" + segment.getLong("id") + "/contact/" + contact + "/add", null).body())
                .isEqualTo("{\"success\":1}");

        JsonObject email = new JsonObject(call(analyst, "GET", "/api/emails", null).body()).getJsonObject("emails").stream()
                .map(e -> (JsonObject) e.getValue()).findFirst().orElseThrow();
        assertThat(email.getString("subject")).isEqualTo("Sale");
        assertThat(call(marketer, "POST", "/api/emails/" + email.getLong("id") + "/contact/" + contact + "/send", null).body())
                .isEqualTo("{\"success\":1}");
        JsonObject campaign = new JsonObject(call(analyst, "GET", "/api/campaigns", null).body()).getJsonObject("campaigns").stream()
                .map(e -> (JsonObject) e.getValue()).findFirst().orElseThrow();
        assertThat(call(marketer, "POST", "/api/campaigns/" + campaign.getLong("id") + "/contact/" + contact + "/add", null).body())
                .isEqualTo("{\"success\":1}");
        JsonObject fields = new JsonObject(call(analyst, "GET", "/api/fields/contact", null).body());
        assertThat(fields.getJsonArray("fields").stream().map(f -> ((JsonObject) f).getString("alias"))).contains("email", "firstname", "country");

        // A segment made through Mautic's API: its filters become ours; a filter we cannot take is refused, nothing stored.
        HttpResponse<String> made = call(marketer, "POST", "/api/segments/new", """
                {"name": "Paris Leads", "isPublished": true, "isPreferenceCenter": true, "filters": [
                  {"glue": "and", "field": "city", "object": "lead", "type": "text", "operator": "=", "properties": {"filter": "Paris"}},
                  {"glue": "and", "field": "points", "object": "lead", "type": "number", "operator": "gte", "properties": {"filter": "5"}}]}""");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        JsonObject list = new JsonObject(made.body()).getJsonObject("list");
        assertThat(list.getString("alias")).isEqualTo("paris-leads");
        assertThat(list.getBoolean("isPreferenceCenter")).isTrue();
        assertThat(list.getLong("id")).isPositive();
        JsonObject stored = new JsonObject(gw.get("/api/v1/segments/paris-leads", "Authorization", ADMIN).body());
        assertThat(stored.getBoolean("public")).as("shown in the preference center").isTrue();
        assertThat(stored.getJsonArray("filters").encode()).isEqualTo(
                "[{\"kind\":\"field\",\"field\":\"city\",\"operator\":\"eq\",\"value\":\"Paris\"},{\"kind\":\"points\",\"operator\":\"gte\",\"value\":5}]");
        assertThat(new JsonObject(call(marketer, "POST", "/api/segments/new", "{\"name\": \"Paris Leads\"}").body()).getJsonObject("list")
                .getString("alias")).as("a taken alias gets a number").isEqualTo("paris-leads-2");
        HttpResponse<String> company = call(marketer, "POST", "/api/segments/new", "{\"name\": \"Big\", \"filters\": "
                + "[{\"field\": \"companyemployees\", \"object\": \"company\", \"operator\": \"gt\", \"properties\": {\"filter\": 100}}]}");
        assertThat(company.statusCode()).isEqualTo(400);
        assertThat(company.body()).contains("only contact (lead) fields");
        assertThat(gw.get("/api/v1/segments/big", "Authorization", ADMIN).statusCode()).isEqualTo(404);

        // Tags: made here, listed with integer ids.
        HttpResponse<String> tag = call(marketer, "POST", "/api/tags/new", "{\"tag\": \"early-adopter\"}");
        assertThat(tag.statusCode()).isEqualTo(201);
        long tagId = new JsonObject(tag.body()).getJsonObject("tag").getLong("id");
        assertThat(new JsonObject(call(analyst, "GET", "/api/tags", null).body()).getJsonArray("tags").stream().map(JsonObject.class::cast)
                .filter(t -> t.getString("tag").equals("early-adopter"))).singleElement().satisfies(t -> assertThat(t.getLong("id")).isEqualTo(tagId));
        assertError(call(marketer, "POST", "/api/tags/new", "{\"tag\": \"a,b\"}"), 400, "comma");

        // Ids are stable: asked again, the same.
        assertThat(new JsonObject(call(analyst, "GET", "/api/segments", null).body()).getJsonObject("lists").containsKey(Long.toString(segment.getLong("id"))))
                .isTrue();

        String contactId = new JsonObject(call(analyst, "GET", "/api/contacts/" + contact, null).body()).getJsonObject("contact").getString("leadstreamId");

        // A segment email: its send started once however often asked, the engine sending it (SegmentEmailSendIT);
        // sentCount is whom it reaches: the segment's members now, or what the engine queued so far (email_stats) when more.
        assertThat(gw.send("PUT", "/api/v1/emails/digest", "application/json", """
                {"name": "Digest", "type": "marketing", "from": "news@shop.example", "subject": "Digest", "html": "<p>D</p>", "text": "D",
                 "segments": ["newsletter"]}""", "Authorization", ADMIN).statusCode()).isEqualTo(201);
        JsonObject digest = new JsonObject(call(analyst, "GET", "/api/emails/digest", null).body()).getJsonObject("email");
        assertThat(digest.getString("emailType")).isEqualTo("list");
        try (com.datastax.oss.driver.api.core.CqlSession cql = io.leadstream.store.cassandra.CassandraSessionFactory.open(gw.config)) {
            cql.execute(cql.prepare(EmailStatsTable.INSERT.replace("{ks}", gw.config.get(io.leadstream.common.config.CassandraOptions.KEYSPACE)))
                    .bind(new EmailStatsTable.Row("digest", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3).values(System.currentTimeMillis() * 1000)));
        }
        for (int i = 0; i < 2; i++) {
            JsonObject sent = new JsonObject(call(marketer, "POST", "/api/emails/" + digest.getLong("id") + "/send", null).body());
            assertThat(sent.getInteger("success")).isEqualTo(1);
            assertThat(sent.getInteger("sentCount")).isEqualTo(3);
        }
        assertError(call(marketer, "POST", "/api/emails/" + email.getLong("id") + "/send", null), 400, "names no segments");
        String bootstrap = gw.config.get(KafkaOptions.BOOTSTRAP_SERVERS);
        TopicNames topics = TopicNames.from(gw.config);
        assertThat(TopicReader.readAll(bootstrap, topics.segmentCommands(), Duration.ofSeconds(30)).stream()
                .map(r -> AvroCodec.of(SegmentCommand.class).decode(r.value())))
                .anySatisfy(c -> assertThat(c.getContactId() + " " + c.getSegmentId() + " " + c.getAction()).isEqualTo(contactId + " newsletter ADD"));
        List<SendCommand> sends = TopicReader.readAll(bootstrap, topics.sendCommands(), Duration.ofSeconds(30)).stream()
                .map(r -> AvroCodec.of(SendCommand.class).decode(r.value())).toList();
        assertThat(sends).anySatisfy(c -> assertThat(c.getContactId() + " " + c.getEmailId() + " " + c.getTransactional()).isEqualTo(contactId + " promo false"));
        assertThat(sends).filteredOn(c -> "digest".equals(c.getEmailId())).as("the engine sends a segment email, not the gateway").isEmpty();
        assertThat(TopicReader.readAll(bootstrap, topics.definitions(), Duration.ofSeconds(30)))
                .filteredOn(r -> (SegmentSends.KIND + "/digest").equals(r.key())).as("started once").hasSize(1);
        assertThat(gw.drain()).filteredOn(e -> e.getPayload() instanceof CustomEvent c && c.getName().equals(ContactActionEvents.CAMPAIGN))
                .extracting(e -> e.getContactId() + " " + new java.util.TreeMap<>(((CustomEvent) e.getPayload()).getProperties()))
                .containsExactly(contactId + " {action=add, campaign=onboarding}");
    }

    @Test
    void everyFailureIsAMauticErrorBodyAndAnalystsOnlyRead() throws Exception {
        HttpResponse<String> unknownRoute = call(marketer, "GET", "/api/no-such-thing", null);
        assertThat(unknownRoute.statusCode()).isEqualTo(404);
        assertError(unknownRoute, 404, "not found");
        assertError(call(marketer, "GET", "/api/contacts/999", null), 404, "not found");
        assertError(call(marketer, "GET", "/api/contacts/not-a-number", null), 404, "integer");
        assertError(call(marketer, "GET", "/api/segments/12345", null), 404, "not found");
        HttpResponse<String> noAuth = gw.get("/api/contacts");
        assertError(noAuth, 401, "credentials");
        assertThat(noAuth.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).contains("Basic"));
        assertError(call(basic("mia", "wrong-password"), "GET", "/api/contacts", null), 401, "wrong user name or password");
        HttpResponse<String> analystWrite = call(analyst, "POST", "/api/contacts/new", "{\"email\": \"x@y.example\"}");
        assertError(analystWrite, 403, "may only read");
        assertThat(analystWrite.headers().firstValue("Mautic-Version")).isPresent();
        assertError(call(marketer, "GET", "/api/contacts?search=" + GatewayFixture.enc("company:Navy"), null), 400, "search");
        assertError(gw.send("POST", "/api/contacts/new", "text/csv", "email\n", "Authorization", marketer), 415, "Content-Type");
        // The configured admin token works here too.
        assertThat(call(ADMIN, "GET", "/api/segments", null).statusCode()).isEqualTo(200);
    }

    private static void assertError(HttpResponse<String> r, int status, String message) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonObject error = new JsonObject(r.body()).getJsonArray("errors").getJsonObject(0);
        assertThat(error.getInteger("code")).isEqualTo(status);
        assertThat(error.getString("message")).containsIgnoringCase(message);
        assertThat(error.containsKey("type")).isTrue();
    }
}
