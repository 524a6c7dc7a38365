package io.leadstream.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.email.LinkOptions;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Campaign webhooks through real send workers, Cassandra and an HTTP receiver: signed bodies, a
 * contact's calls in order even when the first fails and is retried, and a URL that keeps failing
 * disabled, its messages failed without more calls.
 */
@ExtendWith(LeadStreamStackExtension.class)
class WebhookDeliveryIT {
    private static final String SECRET = "webhook-it-secret";

    @Test
    void signedCallsInOrderPerContactRetriedAndAFailingUrlDisabled(TestNamespace ns) throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        List<String> badSignatures = new CopyOnWriteArrayList<>();
        AtomicInteger firstFailures = new AtomicInteger();
        AtomicInteger downCalls = new AtomicInteger();
        Map<String, JsonNode> bodies = new ConcurrentHashMap<>();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("X-LeadStream-Delivery");
            if (!new WebhookSignature(SECRET).verifies(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), body)) {
                badSignatures.add(id);
            }
            // The contact's first call fails twice: its later calls must wait for it.
            if (id.equals("w1") && firstFailures.getAndIncrement() < 2) {
                reply(exchange, 503);
                return;
            }
            bodies.put(id, new ObjectMapper().readTree(body));
            delivered.add(id + " " + exchange.getRequestHeaders().getFirst("X-Shop"));
            reply(exchange, 200);
        });
        http.createContext("/down", exchange -> {
            downCalls.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            reply(exchange, 500);
        });
        http.start();
        String base = "http://127.0.0.1:" + http.getAddress().getPort();
        LeadStreamConfig config = SendWorkerIT.workerConfig(ns)
                .with(WorkerOptions.RETRY_BACKOFF, Duration.ofMillis(300))
                .with(WorkerOptions.MAX_ATTEMPTS, 6)
                .with(WorkerOptions.WEBHOOK_SECRET, SECRET)
                .with(LinkOptions.TOKEN_SECRET, "webhook-it-token-secret-0123456789abcdef")
                .with(WorkerOptions.WEBHOOK_DISABLE_FAILURES, 3)
                .with(WorkerOptions.WEBHOOK_DISABLE_AFTER, Duration.ZERO)
                .with(WorkerOptions.WEBHOOK_DISABLED_NOTIFY, "ops@" + opsDomain(ns));
        String ks = ns.keyspace();
        Instant now = Instant.now();
        try (CqlSession session = ns.stack().cassandra().newSession()) {
            session.execute("INSERT INTO " + ks + ".contact_fields (contact_id, field, value) VALUES ('c1', 'email', 'ann@shop.example')");
            List<SendCommand> commands = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                commands.add(webhook("w" + i, "c1", base + "/hook", now.minusSeconds(10).plusMillis(i)));
            }
            for (int i = 1; i <= 4; i++) {
                commands.add(webhook("d" + i, "d-contact-" + i, base + "/down", now.minusSeconds(5)));
            }
            commands.forEach(c -> EngineSends.store(session, ks, c));
            // One send thread: the failures of the down URL come one after another, so exactly the third disables it.
            try (SendWorkers workers = SendWorkers.start(config.with(WorkerOptions.COUNT, 1), "https://t.shop.example")) {
                EngineSends.publish(config, commands);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> states(session, ks).size() == 7
                        && !states(session, ks).containsValue(null));
            }
            assertThat(delivered).containsExactly("w1 spring", "w2 spring", "w3 spring");
            assertThat(badSignatures).isEmpty();
            assertThat(bodies.get("w2").path("contact").path("fields").path("email").asText()).isEqualTo("ann@shop.example");
            assertThat(bodies.get("w2").path("campaign").path("id").asText()).isEqualTo("spring");
            Map<String, String> states = states(session, ks);
            assertThat(states).containsEntry("w1", "sent").containsEntry("w2", "sent").containsEntry("w3", "sent")
                    .containsEntry("d1", "failed").containsEntry("d2", "failed").containsEntry("d3", "failed").containsEntry("d4", "failed");
            assertThat(downCalls.get()).as("calls to the failing URL before it was disabled").isEqualTo(3);
            Row health = session.execute("SELECT failures, disabled_at FROM " + ks + ".webhook_health WHERE url = ?", base + "/down").one();
            assertThat(health.getInstant("disabled_at")).isNotNull();
            assertThat(session.execute("SELECT url FROM " + ks + ".webhook_health WHERE url = ?", base + "/hook").one())
                    .as("a success clears the URL's failures").isNull();
            assertThat(SendWorkerIT.reported(ns)).contains("w1 DEFERRED", "w1 SENT", "w3 SENT", "d4 DISABLED");
            List<jakarta.mail.internet.MimeMessage> notices = ns.stack().smtp().receivedBy(opsDomain(ns), "ops@" + opsDomain(ns));
            assertThat(notices).as("one notice: the URL was disabled once").hasSize(1);
            assertThat(notices.get(0).getSubject()).isEqualTo("Webhook disabled: " + base + "/down");
            assertThat(((jakarta.mail.internet.MimeMultipart) notices.get(0).getContent()).getBodyPart(0).getContent().toString())
                    .contains("failed 3 times in a row", "HTTP 500", "POST /api/v1/webhooks/{id}/enable");
            // The delivery log: each call made, newest first; none after the URL was disabled.
            java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
            assertThat(session.execute("SELECT outcome FROM " + ks + ".webhook_calls WHERE url = ? AND day = ?", base + "/down", today).all())
                    .extracting(r -> r.getString("outcome")).containsExactly("DISABLED", "RETRY", "RETRY");
            assertThat(session.execute("SELECT command_id, outcome, detail FROM " + ks + ".webhook_calls WHERE url = ? AND day = ?", base + "/hook", today)
                    .all()).extracting(r -> r.getString("command_id") + " " + r.getString("outcome") + " " + r.getString("detail"))
                    .as("w1 failed twice first (the receiver's 503s), and was retried").containsExactly("w3 SENT HTTP 200", "w2 SENT HTTP 200",
                            "w1 SENT HTTP 200", "w1 RETRY HTTP 503", "w1 RETRY HTTP 503");
        } finally {
            http.stop(0);
        }
    }

    private static String opsDomain(TestNamespace ns) {
        return ns.keyspace().replace('_', '-') + ".example";
    }

    private static Map<String, String> states(CqlSession session, String ks) {
        return SendWorkerIT.states(session, ks);
    }

    /** What the engine sends for a campaign's webhook action. */
    private static SendCommand webhook(String id, String contact, String url, Instant due) {
        return EngineSends.webhook(id, contact, url, due, Map.of("method", "POST", "headers", "{\"X-Shop\": \"spring\"}"));
    }

    private static void reply(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
