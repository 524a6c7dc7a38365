package io.leadstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.leadstream.common.config.CassandraOptions;
import io.leadstream.common.email.SegmentSends;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.store.cassandra.CassandraSchema;
import io.leadstream.store.cassandra.CassandraSessionFactory;
import io.leadstream.store.cassandra.table.EmailStatsTable;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A segment email's send through the API on the real Kafka and Cassandra, without the engine: starting
 * it writes one send record to the definitions topic, a repeat writes nothing, the progress reads the
 * email's counts in Cassandra, closing writes the record again with closedAt, and Mautic's send starts
 * the same one. Refusals: 404, 422, 400.
 */
@ExtendWith(LeadStreamStackExtension.class)
class SegmentEmailSendIT {
    private static final String AUTH = "Bearer " + GatewayFixture.TOKEN;
    private static final String JSON = "application/json";

    @Test
    void aSendIsStartedOnceTellsItsProgressAndCloses(TestNamespace ns) throws Exception {
        CassandraSchema.apply(ns.config());
        try (GatewayFixture gw = new GatewayFixture(ns, c -> c)) {
            define(gw, "segments", "newsletter", "{\"name\": \"Newsletter\", \"filters\": []}");
            define(gw, "emails", "digest", email("\"segments\": [\"newsletter\"]"));
            define(gw, "emails", "weekly", email("\"segments\": [\"newsletter\"]"));
            define(gw, "emails", "promo", email("\"fromName\": \"Shop\""));
            Instant sendAt = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

            // Started: 202, one record with what was asked.
            HttpResponse<String> started = call(gw, "POST", "/api/v1/emails/digest/send", "{\"sendAt\": \"" + sendAt + "\", \"perHour\": 100}");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            JsonObject progress = new JsonObject(started.body());
            assertThat(progress.getString("state")).isEqualTo("scheduled");
            assertThat(progress.getJsonArray("segments")).isEqualTo(new JsonArray().add("newsletter"));
            assertThat(progress.getLong("queued")).isZero();
            assertThat(progress.getLong("pending")).isZero();
            List<JsonObject> records = sendRecords(gw, "digest");
            assertThat(records).singleElement().satisfies(r -> {
                assertThat(r.getString("email")).isEqualTo("digest");
                assertThat(r.getString(SegmentSends.STARTED_AT)).isEqualTo(progress.getString("startedAt"));
                assertThat(Instant.parse(r.getString(SegmentSends.STARTED_AT))).isBetween(Instant.now().minusSeconds(60), Instant.now());
                assertThat(r.getString(SegmentSends.SEND_AT)).isEqualTo(sendAt.toString());
                assertThat(r.getInteger(SegmentSends.PER_HOUR)).isEqualTo(100);
                assertThat(r.containsKey(SegmentSends.CLOSED_AT)).isFalse();
            });

            // Asked again, with other options: 200, the first request's send, nothing written.
            HttpResponse<String> again = call(gw, "POST", "/api/v1/emails/digest/send", "{\"perHour\": 5}");
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(new JsonObject(again.body()).getInteger("perHour")).isEqualTo(100);
            assertThat(new JsonObject(again.body()).getString("startedAt")).isEqualTo(progress.getString("startedAt"));
            assertThat(sendRecords(gw, "digest")).hasSize(1);

            // The engine's and the workers' counts, as the engine writes them: 2 of 10 still pending.
            try (CqlSession cql = CassandraSessionFactory.open(gw.config)) {
                String ks = gw.config.get(CassandraOptions.KEYSPACE);
                cql.execute(cql.prepare(EmailStatsTable.INSERT.replace("{ks}", ks))
                        .bind(new EmailStatsTable.Row("digest", 6, 6, 0, 0, 0, 0, 0, 0, 1, 1, 10).values(System.currentTimeMillis() * 1000)));
            }
            HttpResponse<String> read = call(gw, "GET", "/api/v1/emails/digest/send", null);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            JsonObject counted = new JsonObject(read.body());
            assertThat(List.of(counted.getLong("queued"), counted.getLong("sent"), counted.getLong("suppressed"), counted.getLong("failed"),
                    counted.getLong("pending"))).containsExactly(10L, 6L, 1L, 1L, 2L);
            assertThat(counted.getString("state")).isEqualTo("scheduled");
            assertThat(new JsonObject(call(gw, "GET", "/api/v1/stats/emails", null).body()).getJsonArray("emails").stream()
                    .map(JsonObject.class::cast).filter(e -> e.getString("email").equals("digest")).map(e -> e.getLong("queued")))
                    .as("queued in the email stats too").containsExactly(10L);

            // Mautic's send starts the same send: nothing new written, sentCount what was queued.
            HttpResponse<String> mautic = call(gw, "POST", "/api/emails/digest/send", null);
            assertThat(mautic.statusCode()).as(mautic.body()).isEqualTo(200);
            assertThat(new JsonObject(mautic.body())).isEqualTo(new JsonObject().put("success", 1).put("sentCount", 10).put("failedRecipients", 0));
            assertThat(sendRecords(gw, "digest")).hasSize(1);

            // Closed: the record again with closedAt, the rest kept; closing again and starting again write nothing.
            HttpResponse<String> closed = call(gw, "DELETE", "/api/v1/emails/digest/send", null);
            assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
            assertThat(new JsonObject(closed.body()).getString("state")).isEqualTo("closed");
            records = sendRecords(gw, "digest");
            assertThat(records).hasSize(2);
            JsonObject closing = records.get(1).copy();
            assertThat(Instant.parse((String) closing.remove(SegmentSends.CLOSED_AT)))
                    .isAfterOrEqualTo(Instant.parse(records.get(0).getString(SegmentSends.STARTED_AT)));
            assertThat(closing).as("startedAt, sendAt and perHour kept").isEqualTo(records.get(0));
            assertThat(call(gw, "DELETE", "/api/v1/emails/digest/send", null).statusCode()).isEqualTo(200);
            assertThat(call(gw, "POST", "/api/v1/emails/digest/send", null).statusCode()).isEqualTo(200);
            JsonObject after = new JsonObject(call(gw, "GET", "/api/v1/emails/digest/send", null).body());
            assertThat(after.getString("state")).isEqualTo("closed");
            assertThat(after.getString("closedAt")).isEqualTo(records.get(1).getString(SegmentSends.CLOSED_AT));
            assertThat(sendRecords(gw, "digest")).hasSize(2);

            // Refused, nothing written.
            assertError(call(gw, "POST", "/api/v1/emails/promo/send", null), 422, "names no segments");
            assertError(call(gw, "POST", "/api/v1/emails/nope/send", null), 404, "no email nope");
            assertError(call(gw, "GET", "/api/v1/emails/weekly/send", null), 404, "no send of email weekly");
            assertError(call(gw, "DELETE", "/api/v1/emails/weekly/send", null), 404, "no send of email weekly");
            assertError(call(gw, "POST", "/api/v1/emails/weekly/send", "[1, 2]"), 400, "not an object");
            assertError(call(gw, "POST", "/api/v1/emails/weekly/send", "{\"sendAt\": \"next monday\"}"), 400, "sendAt: an ISO-8601 instant");
            assertError(call(gw, "POST", "/api/v1/emails/weekly/send", "{\"perHour\": 0}"), 400, "perHour: a whole number");
            assertError(call(gw, "POST", "/api/v1/emails/weekly/send", "{\"perHour\": 1.5}"), 400, "perHour: a whole number");
            assertThat(sendRecords(gw, "weekly")).isEmpty();
            assertThat(sendRecords(gw, "promo")).isEmpty();

            // Without options: at once.
            HttpResponse<String> now = call(gw, "POST", "/api/v1/emails/weekly/send", null);
            assertThat(now.statusCode()).as(now.body()).isEqualTo(202);
            assertThat(new JsonObject(now.body()).getString("state")).isEqualTo("sending");
            assertThat(sendRecords(gw, "weekly")).singleElement().satisfies(r -> assertThat(r.fieldNames()).containsExactlyInAnyOrder("email", "startedAt"));
        }
    }

    private static String email(String extra) {
        return "{\"name\": \"News\", \"type\": \"marketing\", \"from\": \"news@shop.example\", \"subject\": \"News\", \"html\": \"<p>N</p>\","
                + " \"text\": \"N\", " + extra + "}";
    }

    private static void define(GatewayFixture gw, String kind, String id, String doc) throws Exception {
        HttpResponse<String> r = gw.send("PUT", "/api/v1/" + kind + "/" + id, JSON, doc, "Authorization", AUTH);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private static HttpResponse<String> call(GatewayFixture gw, String method, String path, String body) throws Exception {
        return gw.send(method, path, JSON, body, "Authorization", AUTH);
    }

    /** The email's send records in the definitions topic, oldest first. */
    private static List<JsonObject> sendRecords(GatewayFixture gw, String email) {
        return gw.definitionRecords().stream().filter(r -> (SegmentSends.KIND + "/" + email).equals(r.key()))
                .map(r -> new JsonObject(new String(r.value(), StandardCharsets.UTF_8))).toList();
    }

    private static void assertError(HttpResponse<String> r, int status, String reason) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(new JsonObject(r.body()).getJsonObject("error").getString("message")).contains(reason);
    }
}
