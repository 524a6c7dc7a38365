package io.leadstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.leadstream.common.config.CassandraOptions;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.contact.ContactActionEvents;
import io.leadstream.schemas.event.CustomEvent;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.store.cassandra.CassandraSchema;
import io.leadstream.store.cassandra.CassandraSessionFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A contact's details under /api/v1 on the real Cassandra and Kafka: its segments, do-not-contact
 * and campaigns read from the engine's tables (rows written here with CQL) for the root of the id
 * asked; field edits checked by type and published, like do-not-contact changes, as events of the
 * root on raw-events; an email previewed as a contact, which a reader may ask for.
 */
@ExtendWith(LeadStreamStackExtension.class)
class ContactDetailsApiIT {
    private static final String AUTH = "Bearer " + GatewayFixture.TOKEN;
    private static final String READER = "Bearer details-reader-token-0123456789";
    private static final Instant T = Instant.parse("2026-11-01T10:00:00Z");
    private static final AvroCodec<TrackingEvent> CODEC = AvroCodec.of(TrackingEvent.class);

    private static GatewayFixture gw;

    @BeforeAll
    static void writeAContactAndStartGateway(TestNamespace ns) {
        CassandraSchema.apply(ns.config());
        String ks = ns.config().get(CassandraOptions.KEYSPACE) + ".";
        try (CqlSession s = CassandraSessionFactory.open(ns.config())) {
            cql(s, "INSERT INTO " + ks + "contacts (contact_id, first_seen, last_seen, identified) VALUES ('d-root', ?, ?, true)", T, T);
            cql(s, "INSERT INTO " + ks + "contact_aliases (alias_id, claim_time, owner_time, target_id) VALUES ('d-old', ?, ?, 'd-root')", T, T);
            cql(s, "INSERT INTO " + ks + "contact_merged_ids (target_id, alias_id) VALUES ('d-root', 'd-old')");
            cql(s, "INSERT INTO " + ks + "contact_fields (contact_id, field, value) VALUES ('d-root', 'firstname', 'Dana')");
            cql(s, "INSERT INTO " + ks + "contact_dnc (contact_id, channel, dnc, reason) VALUES ('d-root', 'email', true, 'unsubscribed')");
            for (String segment : List.of("vip", "newsletter")) {
                cql(s, "INSERT INTO " + ks + "contact_segments (contact_id, segment_id) VALUES ('d-root', ?)", segment);
                cql(s, "INSERT INTO " + ks + "segment_members (segment_id, contact_id) VALUES (?, 'd-root')", segment);
            }
            log(s, ks, "welcome", 0, "", "ENTERED", null);
            log(s, ks, "welcome", 10, "hello", "EXECUTED", null);
            log(s, ks, "welcome", 20, "wait", "SCHEDULED", T.plusSeconds(3600));
            log(s, ks, "spring", 0, "", "ENTERED", null);
            log(s, ks, "spring", 5, "", "EXITED", null);
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
    void segmentsDoNotContactAndCampaignsAreThoseOfTheRootOfTheIdAsked() throws Exception {
        JsonObject segments = getJson("/api/v1/contacts/d-old/segments");
        assertThat(segments.getString("contact")).isEqualTo("d-root");
        assertThat(segments.getJsonArray("segments")).containsExactlyInAnyOrder("vip", "newsletter");

        assertThat(getJson("/api/v1/contacts/d-old/dnc").getJsonObject("channels")).isEqualTo(new JsonObject()
                .put("email", new JsonObject().put("dnc", true).put("reason", "unsubscribed")));

        JsonArray campaigns = getJson("/api/v1/contacts/d-old/campaigns").getJsonArray("campaigns");
        assertThat(campaigns).hasSize(2);
        JsonObject spring = campaigns.getJsonObject(0);
        assertThat(spring.getString("campaign")).isEqualTo("spring");
        assertThat(spring.getBoolean("in")).as("its latest membership row is an exit").isFalse();
        assertThat(spring.getString("since")).isEqualTo(T.plusSeconds(5).toString());
        assertThat(spring.containsKey("lastEvent")).isFalse();
        JsonObject welcome = campaigns.getJsonObject(1);
        assertThat(welcome.getBoolean("in")).isTrue();
        assertThat(welcome.getString("since")).isEqualTo(T.toString());
        assertThat(welcome.getJsonObject("lastEvent")).isEqualTo(new JsonObject().put("event", "wait").put("outcome", "SCHEDULED")
                .put("at", T.plusSeconds(20).toString()).put("scheduledFor", T.plusSeconds(3600).toString()));

        assertThat(get("/api/v1/contacts/nobody/segments").statusCode()).isEqualTo(404);
    }

    @Test
    void fieldValuesAreCheckedByTypeAndSentInTheirStoredFormAsAnEventOfTheRoot() throws Exception {
        HttpResponse<String> r = patch("d-old", "{\"fields\": {\"city\": \" Lyon \", \"country\": \"fr\"}}", AUTH);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonObject reply = new JsonObject(r.body());
        assertThat(reply.getString("contact")).isEqualTo("d-root");
        assertThat(reply.getJsonObject("fields")).isEqualTo(new JsonObject().put("city", "Lyon").put("country", "France"));
        TrackingEvent event = published(reply.getString("eventId"));
        assertThat(event.getContactId()).isEqualTo("d-root");
        assertThat(((CustomEvent) event.getPayload()).getName()).isEqualTo(ContactActionEvents.FIELDS);
        assertThat(event.getFields()).isEqualTo(Map.of("city", "Lyon", "country", "France"));

        int before = gw.rawEventRecords().size();
        HttpResponse<String> refused = patch("d-root", "{\"fields\": {\"mobile\": \"call me\", \"nosuch\": \"x\", \"city\": \"Nice\"}}", AUTH);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        JsonArray problems = new JsonObject(refused.body()).getJsonObject("error").getJsonArray("problems");
        assertThat(problems.stream().map(p -> ((JsonObject) p).getString("pointer")).toList()).containsExactly("/fields/mobile", "/fields/nosuch");
        assertThat(problems.getJsonObject(0).getString("reason")).contains("not a phone number");
        assertThat(problems.getJsonObject(1).getString("reason")).contains("no contact field \"nosuch\"");
        assertThat(gw.rawEventRecords()).as("nothing of a refused edit is sent, not even its good values").hasSize(before);

        for (String bad : List.of("not json", "{}", "{\"fields\": {}}", "{\"fields\": [\"city\"]}")) {
            assertThat(patch("d-root", bad, AUTH).statusCode()).as(bad).isEqualTo(400);
        }
        assertThat(patch("nobody", "{\"fields\": {\"city\": \"Nice\"}}", AUTH).statusCode()).isEqualTo(404);
        assertThat(patch("d-root", "{\"fields\": {\"city\": \"Nice\"}}", READER).statusCode()).as("read-only").isEqualTo(403);
    }

    @Test
    void doNotContactIsSetAndClearedByEventsOfTheRoot() throws Exception {
        for (boolean dnc : new boolean[] {true, false}) {
            HttpResponse<String> r = gw.send(dnc ? "PUT" : "DELETE", "/api/v1/contacts/d-old/dnc/email", "application/json", null, "Authorization", AUTH);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            TrackingEvent event = published(new JsonObject(r.body()).getString("eventId"));
            assertThat(event.getContactId()).isEqualTo("d-root");
            CustomEvent payload = (CustomEvent) event.getPayload();
            assertThat(payload.getName()).isEqualTo(ContactActionEvents.DNC);
            assertThat(payload.getProperties()).containsEntry(ContactActionEvents.DNC_VALUE, Boolean.toString(dnc));
        }
        HttpResponse<String> sms = gw.send("PUT", "/api/v1/contacts/d-root/dnc/sms", "application/json", null, "Authorization", AUTH);
        assertThat(sms.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(sms.body()).getJsonObject("error").getString("message")).contains("known: email");
    }

    @Test
    void anEmailPreviewFillsTheTokensFromTheContactAndAReaderMayAskForItButNotSendATest() throws Exception {
        String draft = "{\"subject\": \"Hi {contactfield=firstname|there}\", \"html\": \"<p>Hi {contactfield=firstname|there} <a href=\\\"https://shop.example\\\">shop</a></p>\","
                + " \"text\": \"Hi {contactfield=firstname|there} {unsubscribe_url}\"}";
        HttpResponse<String> asDana = gw.post("/api/v1/emails/preview?contact=d-old", "application/json", draft, "Authorization", READER);
        assertThat(asDana.statusCode()).as(asDana.body()).isEqualTo(200);
        JsonObject preview = new JsonObject(asDana.body());
        assertThat(preview.getString("contact")).isEqualTo("d-root");
        assertThat(preview.getString("subject")).isEqualTo("Hi Dana");
        assertThat(preview.getString("html")).as("links as written: nothing tracked").isEqualTo("<p>Hi Dana <a href=\"https://shop.example\">shop</a></p>");
        assertThat(preview.getString("text")).isEqualTo("Hi Dana #unsubscribe");
        JsonObject nobody = new JsonObject(gw.post("/api/v1/emails/preview", "application/json", draft, "Authorization", AUTH).body());
        assertThat(nobody.getString("subject")).isEqualTo("Hi there");
        assertThat(gw.post("/api/v1/emails/preview?contact=nobody", "application/json", draft, "Authorization", AUTH).statusCode()).isEqualTo(404);
        assertThat(gw.post("/api/v1/emails/preview", "application/json", "[1]", "Authorization", AUTH).statusCode()).isEqualTo(400);
        assertThat(gw.post("/api/v1/emails/any/test", "application/json", "{\"to\": \"a@b.example\"}", "Authorization", READER).statusCode())
                .as("a test send is a send").isEqualTo(403);
        assertThat(gw.post("/api/v1/emails/none/test", "application/json", "{\"to\": \"a@b.example\"}", "Authorization", AUTH).statusCode())
                .isEqualTo(404);
    }

    @Test
    void theListFiltersContactsAndLeavesMergedIdsToTheirRoot() throws Exception {
        JsonObject all = getJson("/api/v1/contacts/list");
        assertThat(all.getJsonArray("contacts").stream().map(c -> ((JsonObject) c).getString("id")).toList()).containsExactly("d-root");
        assertThat(all.getValue("next")).isNull();
        assertThat(getJson("/api/v1/contacts/list?q=DANA&segment=vip").getJsonArray("contacts")).hasSize(1);
        assertThat(getJson("/api/v1/contacts/list?segment=nobody-here").getJsonArray("contacts")).isEmpty();
        assertThat(getJson("/api/v1/contacts/list?field=firstname&value=zed").getJsonArray("contacts")).isEmpty();
        assertThat(getJson("/api/v1/contacts/list?activeSince=2026-10-31").getJsonArray("contacts")).hasSize(1);
        assertThat(getJson("/api/v1/contacts/list?activeSince=2026-11-02").getJsonArray("contacts")).as("last seen 2026-11-01").isEmpty();
        assertThat(getJson("/api/v1/contacts/list?minPoints=1").getJsonArray("contacts")).as("no points yet").isEmpty();
        assertThat(get("/api/v1/contacts/list?activeSince=yesterday").statusCode()).isEqualTo(400);
    }

    private static HttpResponse<String> patch(String id, String body, String auth) throws Exception {
        return gw.send("PATCH", "/api/v1/contacts/" + id, "application/json", body, "Authorization", auth);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return gw.get(path, "Authorization", AUTH);
    }

    private static JsonObject getJson(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    private static TrackingEvent published(String eventId) {
        List<TrackingEvent> found = gw.rawEventRecords().stream().map(rec -> CODEC.decode(rec.value()))
                .filter(e -> e.getEventId().equals(eventId)).toList();
        assertThat(found).as("event " + eventId + " on raw-events").hasSize(1);
        return found.get(0);
    }

    private static void log(CqlSession s, String ks, String campaign, int secondsAfterT, String eventId, String outcome, Instant scheduledFor) {
        cql(s, "INSERT INTO " + ks + "campaign_log (contact_id, campaign_id, at, event_id, outcome, scheduled_for) VALUES ('d-root', ?, ?, ?, ?, ?)",
                campaign, T.plusSeconds(secondsAfterT), eventId, outcome, scheduledFor);
    }

    private static void cql(CqlSession s, String cql, Object... values) {
        s.execute(SimpleStatement.newInstance(cql, values).setTimeout(Duration.ofSeconds(30)));
    }
}
