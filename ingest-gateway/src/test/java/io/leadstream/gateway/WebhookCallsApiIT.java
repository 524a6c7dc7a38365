package io.leadstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import io.leadstream.common.config.CassandraOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.store.cassandra.CassandraSchema;
import io.leadstream.store.cassandra.CassandraSessionFactory;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A global webhook's delivery log through the API, on the real Cassandra: the calls and the health
 * rows the send workers write (WebhookDeliveryIT shows them writing those) read back newest first,
 * and a disabled URL enabled again.
 */
@ExtendWith(LeadStreamStackExtension.class)
class WebhookCallsApiIT {
    private static final String AUTH = "Bearer " + GatewayFixture.TOKEN;
    private static final String URL = "https://crm.example.com/in";

    @Test
    void theLogShowsEachCallNewestFirstAndADisabledUrlIsEnabledAgain(TestNamespace ns) throws Exception {
        LeadStreamConfig config = ns.config();
        CassandraSchema.apply(config);
        String ks = config.get(CassandraOptions.KEYSPACE);
        Instant now = Instant.now();
        try (CqlSession s = CassandraSessionFactory.open(config);
             GatewayFixture gw = new GatewayFixture(ns, c -> c)) {
            String insert = "INSERT INTO " + ks + ".webhook_calls (url, day, called_at, command_id, outcome, detail, event, contact_id)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
            s.execute(s.prepare(insert).bind(URL, day(now.minusSeconds(30)), now.minusSeconds(30), "s1", "RETRY", "HTTP 503", "form_submission", "c1"));
            s.execute(s.prepare(insert).bind(URL, day(now.minusSeconds(20)), now.minusSeconds(20), "s1", "DISABLED", "3 failures", "form_submission", "c1"));
            s.execute(s.prepare(insert).bind("https://other.example.com", day(now), now, "s9", "SENT", "HTTP 200", "page_hit", "c9"));
            s.execute(s.prepare("INSERT INTO " + ks + ".webhook_health (url, failures, failing_since, disabled_at, last_error) VALUES (?, ?, ?, ?, ?)")
                    .bind(URL, 3, now.minusSeconds(30), now.minusSeconds(20), "HTTP 503"));

            HttpResponse<String> defined = gw.send("PUT", "/api/v1/webhooks/crm", "application/json",
                    "{\"name\": \"CRM\", \"url\": \"" + URL + "\", \"events\": [\"form_submission\"]}", "Authorization", AUTH);
            assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);
            JsonObject log = new JsonObject(await().atMost(Duration.ofSeconds(20))
                    .until(() -> gw.get("/api/v1/webhooks/crm/calls?days=2", "Authorization", AUTH), r -> r.statusCode() == 200).body());
            assertThat(log.getString("url")).isEqualTo(URL);
            assertThat(log.getJsonArray("calls").stream().map(JsonObject.class::cast).map(c -> c.getString("sendId") + " " + c.getString("outcome")
                    + " " + c.getString("detail"))).as("newest first, this URL's only").containsExactly("s1 DISABLED 3 failures", "s1 RETRY HTTP 503");
            assertThat(log.getJsonObject("health").getInteger("failures")).isEqualTo(3);
            assertThat(log.getJsonObject("health").getString("disabledAt")).isNotNull();

            HttpResponse<String> enabled = gw.post("/api/v1/webhooks/crm/enable", "application/json", "", "Authorization", AUTH);
            assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
            assertThat(new JsonObject(gw.get("/api/v1/webhooks/crm/calls", "Authorization", AUTH).body()).getValue("health")).isNull();
            assertThat(gw.get("/api/v1/webhooks/crm/calls?days=31", "Authorization", AUTH).statusCode()).isEqualTo(400);
            assertThat(gw.get("/api/v1/webhooks/nope/calls", "Authorization", AUTH).statusCode()).isEqualTo(404);
        }
    }

    private static LocalDate day(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }
}
