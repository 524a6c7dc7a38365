package io.leadstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.email.LinkOptions;
import io.leadstream.gateway.GatewayServer;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.workers.SendWorkers;
import io.leadstream.workers.WorkerOptions;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A segment email to 10,000 contacts through the whole system: the contacts come by a CSV import into
 * the segment, 25 of them are do-not-contact; the send is started by the API (a repeat starts nothing),
 * the engine queues each member once, the send workers deliver over SMTP. Every addressed member gets
 * exactly one message, the 25 are counted as suppressed, and the progress says so; a contact who joins
 * afterwards gets it too, and once the send is closed a new member gets nothing.
 */
@ExtendWith(LeadStreamStackExtension.class)
class SegmentEmailIT {
    private static final String TOKEN = "segment-email-token";
    private static final int MEMBERS = 10_000;
    private static final int OPTED_OUT = 25;

    @Test
    void everyMemberGetsItOnceTheOptedOutAreSuppressedAndLateJoinersUntilItCloses(TestNamespace ns) throws Exception {
        LeadStreamConfig config = RunningEngine.config(ns, TOKEN)
                .with(LinkOptions.TOKEN_SECRET, "segment-email-it-secret-0123456789abcdef")
                .with(WorkerOptions.SMTP_HOST, ns.stack().smtp().host())
                .with(WorkerOptions.SMTP_PORT, ns.stack().smtp().port())
                .with(WorkerOptions.SCAN_INTERVAL, Duration.ofMinutes(10))
                .with(WorkerOptions.LOOKBACK, Duration.ofMinutes(10));
        String domain = ns.keyspace().replace('_', '-') + ".example";
        try (RunningEngine engine = RunningEngine.start(ns, config, "segment-email");
             GatewayServer gateway = new GatewayServer(config).start();
             SendWorkers workers = SendWorkers.start(config, gateway.baseUrl());
             CqlSession session = ns.stack().cassandra().newSession()) {
            engine.awaitRunning();
            String base = gateway.baseUrl();
            assertThat(send(base, "PUT", "/api/v1/segments/newsletter", "application/json",
                    "{\"name\": \"Newsletter\", \"filters\": [{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 100000}]}").statusCode())
                    .isEqualTo(201);
            assertThat(send(base, "PUT", "/api/v1/emails/news", "application/json", """
                    {"name": "News", "type": "marketing", "from": "news@shop.example", "subject": "News for {contactfield=firstname}",
                     "html": "<p>Hi {contactfield=firstname}</p>", "text": "Hi {contactfield=firstname}", "segments": ["newsletter"]}""")
                    .statusCode()).isEqualTo(201);

            StringBuilder csv = new StringBuilder("email,firstname\n");
            for (int i = 0; i < MEMBERS; i++) {
                csv.append("m").append(i).append('@').append(domain).append(",Member").append(i).append('\n');
            }
            importInto(base, csv.toString());
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() -> members(session, ns) == MEMBERS);
            Set<String> optedOut = new HashSet<>();
            List<String> optedOutIds = new java.util.ArrayList<>();
            for (int i = 0; i < OPTED_OUT; i++) {
                String address = "m" + (i * 397) + "@" + domain;
                String id = new JsonObject(send(base, "GET", "/api/v1/contacts?email=" + enc(address), null, null).body()).getString("id");
                assertThat(send(base, "PUT", "/api/v1/contacts/" + id + "/dnc/email", "application/json", "{\"reason\": \"asked\"}").statusCode())
                        .isBetween(200, 204);
                optedOut.add(address);
                optedOutIds.add(id);
            }
            // Stored before the start, so a worker reading the contact at its send sees it (the two reach the engine by different topics).
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> optedOutIds.stream().allMatch(id ->
                    session.execute("SELECT dnc FROM " + ns.keyspace() + ".contact_dnc WHERE contact_id = ? AND channel = 'email'", id).one() != null));

            long started = System.nanoTime();
            HttpResponse<String> start = send(base, "POST", "/api/v1/emails/news/send", "application/json", "{}");
            assertThat(start.statusCode()).as(start.body()).isEqualTo(202);
            assertThat(send(base, "POST", "/api/v1/emails/news/send", "application/json", "{}").statusCode()).as("a repeat").isEqualTo(200);

            JsonObject done = await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> progress(base), p -> p.getLong("sent", 0L) + p.getLong("suppressed", 0L) >= MEMBERS);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("Segment email to %,d members: %,d sent, %,d suppressed in %.1f s (%.0f emails/s)%n", MEMBERS,
                    done.getLong("sent"), done.getLong("suppressed"), seconds, done.getLong("sent") / seconds);
            assertThat(done.getLong("queued")).isEqualTo(MEMBERS);
            assertThat(done.getLong("sent")).isEqualTo(MEMBERS - OPTED_OUT);
            assertThat(done.getLong("suppressed")).isEqualTo(OPTED_OUT);
            assertThat(done.getLong("pending")).isZero();
            Thread.sleep(3000); // a second message to anyone would be in by now
            Map<String, Integer> received = byRecipient(ns.stack().smtp().receivedFor(domain));
            assertThat(received).hasSize(MEMBERS - OPTED_OUT).doesNotContainKeys(optedOut.toArray(String[]::new));
            assertThat(received.values().stream().filter(n -> n != 1).count()).as("recipients with more than one").isZero();

            importInto(base, "email,firstname\nlate@" + domain + ",Late\n");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> byRecipient(ns.stack().smtp().receivedFor(domain)).containsKey("late@" + domain));

            assertThat(send(base, "DELETE", "/api/v1/emails/news/send", null, null).statusCode()).isEqualTo(200);
            assertThat(progress(base).getString("state")).isEqualTo("closed");
            importInto(base, "email,firstname\nlater@" + domain + ",Later\n");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> members(session, ns) == MEMBERS + 2);
            Thread.sleep(5000);
            assertThat(byRecipient(ns.stack().smtp().receivedFor(domain))).hasSize(MEMBERS - OPTED_OUT + 1).doesNotContainKey("later@" + domain);
        }
    }

    private JsonObject progress(String base) throws Exception {
        HttpResponse<String> r = send(base, "GET", "/api/v1/emails/news/send", null, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    private static long members(CqlSession session, TestNamespace ns) {
        return session.execute("SELECT COUNT(*) FROM " + ns.keyspace() + ".segment_members WHERE segment_id = 'newsletter'").one().getLong(0);
    }

    private static Map<String, Integer> byRecipient(List<MimeMessage> messages) throws Exception {
        Map<String, Integer> out = new HashMap<>();
        for (MimeMessage m : messages) {
            out.merge(m.getAllRecipients()[0].toString(), 1, Integer::sum);
        }
        return out.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private void importInto(String base, String csv) throws Exception {
        JsonObject done = new GatewayCalls(base, TOKEN).importCsv("segment=newsletter", csv);
        assertThat(done.getString("state")).as(done.encode()).isEqualTo("done");
    }

    private HttpResponse<String> send(String base, String method, String path, String type, String body) throws Exception {
        return new GatewayCalls(base, TOKEN).send(method, path, type, body);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
