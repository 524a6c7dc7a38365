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
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An existing Mautic API client, node-mautic from the npm registry, unchanged, against the whole
 * system (gateway, engine, send workers, SMTP): with a user's Basic credentials and Mautic's integer
 * ids it creates a contact by email, finds it, edits a field, adds it to a segment, gives it points,
 * sets and clears do-not-contact, sends it an email and adds it to a campaign; each effect is then
 * checked where it lands (Cassandra, the inbox).
 */
@ExtendWith(LeadStreamStackExtension.class)
class MauticClientIT {
    private static final String TOKEN = "mautic-client-token";
    private static final Path CLIENT = Path.of("target", "mautic-client");
    private final HttpClient http = HttpClient.newHttpClient();

    /** npm installs the client once per build (the npm registry is reachable where the suite runs). */
    @BeforeAll
    static void installClient() throws Exception {
        Files.createDirectories(CLIENT);
        for (String file : List.of("package.json", "client.js")) {
            try (InputStream in = MauticClientIT.class.getResourceAsStream("/mautic-client/" + file)) {
                Files.write(CLIENT.resolve(file), in.readAllBytes());
            }
        }
        if (!Files.isDirectory(CLIENT.resolve("node_modules/node-mautic"))) {
            Result npm = run(List.of("npm", "install", "--no-audit", "--no-fund", "--no-package-lock"), Map.of(), Duration.ofMinutes(5));
            assertThat(npm.exit).as("npm install node-mautic: " + npm.output).isZero();
        }
    }

    @Test
    void nodeMauticCreatesFindsEditsSegmentsScoresBlocksMailsAndEnrolsAContact(TestNamespace ns) throws Exception {
        String domain = ns.keyspace().replace('_', '-') + ".example";
        String address = "ada@" + domain;
        LeadStreamConfig config = RunningEngine.config(ns, TOKEN)
                .with(LinkOptions.TOKEN_SECRET, "mautic-client-it-secret-0123456789abcdef")
                .with(WorkerOptions.SMTP_HOST, ns.stack().smtp().host())
                .with(WorkerOptions.SMTP_PORT, ns.stack().smtp().port())
                .with(WorkerOptions.SCAN_INTERVAL, Duration.ofMinutes(10))
                .with(WorkerOptions.LOOKBACK, Duration.ofMinutes(10));
        String ks = ns.keyspace();
        try (RunningEngine engine = RunningEngine.start(ns, config, "mautic-client");
             GatewayServer gateway = new GatewayServer(config).start();
             SendWorkers workers = SendWorkers.start(config, gateway.baseUrl());
             CqlSession session = ns.stack().cassandra().newSession()) {
            engine.awaitRunning();
            String base = gateway.baseUrl();
            assertThat(v1(base, "POST", "/api/v1/users", "{\"username\": \"integration\", \"password\": \"integration-pass-1\", \"role\": \"marketer\"}"))
                    .isEqualTo(201);
            assertThat(v1(base, "PUT", "/api/v1/segments/customers", "{\"name\": \"Customers\", \"filters\": []}")).isEqualTo(201);
            assertThat(v1(base, "PUT", "/api/v1/emails/hello", """
                    {"name": "Hello", "type": "transactional", "from": "team@shop.example", "subject": "Hello {contactfield=firstname}",
                     "html": "<p>Hello</p>", "text": "Hello"}""")).isEqualTo(201);
            assertThat(v1(base, "PUT", "/api/v1/emails/welcome-mail", """
                    {"name": "Welcome", "type": "transactional", "from": "team@shop.example", "subject": "Welcome aboard",
                     "html": "<p>Welcome</p>", "text": "Welcome"}""")).isEqualTo(201);
            assertThat(v1(base, "PUT", "/api/v1/emails/news", """
                    {"name": "News", "type": "marketing", "from": "team@shop.example", "subject": "News for you", "segments": ["customers"],
                     "html": "<p>News</p>", "text": "News"}""")).isEqualTo(201);
            assertThat(v1(base, "PUT", "/api/v1/segments/vip", "{\"name\": \"VIP\", \"filters\": []}")).isEqualTo(201);
            assertThat(v1(base, "PUT", "/api/v1/campaigns/welcome", """
                    {"name": "Welcome", "sources": {"segments": ["vip"]}, "events": [
                      {"id": "greet", "type": "action", "kind": "send_email", "email": "welcome-mail"}]}""")).isEqualTo(201);
            assertThat(v1(base, "PUT", "/api/v1/forms/signup", """
                    {"name": "Sign up", "fields": [{"alias": "email", "type": "email", "required": true}, {"alias": "plan"}]}""")).isEqualTo(201);
            Map<String, String> env = Map.of("MAUTIC_URL", base, "MAUTIC_USER", "integration", "MAUTIC_PASSWORD", "integration-pass-1",
                    "CONTACT_EMAIL", address);

            // Steps 1 to 6. Each answer already shows the change (read-your-writes), before the engine applied it.
            JsonObject first = client(env, "create", "search", "edit", "segment", "points", "dnc");
            long id = first.getJsonObject("create").getLong("id");
            assertThat(first.getJsonObject("create").getString("idType")).isEqualTo("number");
            assertThat(id).isBetween(1L, (1L << 53) - 1);
            assertThat(first.getJsonObject("create").getString("firstname")).isEqualTo("Ada");
            assertThat(first.getJsonObject("search").getInteger("total")).isEqualTo(1);
            assertThat(first.getJsonObject("search").getJsonArray("ids").getList()).containsExactly(id);
            assertThat(first.getJsonObject("edit").encode()).isEqualTo("{\"lastname\":\"Lovelace\",\"city\":\"London\",\"firstname\":\"Ada\"}");
            assertThat(first.getJsonObject("segment").getJsonObject("reply").getInteger("success")).isEqualTo(1);
            assertThat(first.getJsonObject("points").getInteger("points")).isEqualTo(15);
            assertThat(first.getJsonObject("dnc").getJsonArray("whenSet").getList()).containsExactly("email");
            assertThat(first.getJsonObject("dnc").getInteger("whenCleared")).isZero();

            // What the engine made of them, in Cassandra.
            String contact = session.execute("SELECT target FROM " + ks + ".mautic_ids WHERE kind = 'contact' AND id = ?", id).one().getString(0);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Map<String, String> fields = new java.util.HashMap<>();
                session.execute("SELECT field, value FROM " + ks + ".contact_fields WHERE contact_id = ?", contact)
                        .forEach(r -> fields.put(r.getString("field"), r.getString("value")));
                assertThat(fields).containsEntry("email", address).containsEntry("firstname", "Ada").containsEntry("lastname", "Lovelace")
                        .containsEntry("city", "London");
                assertThat(session.execute("SELECT points FROM " + ks + ".contact_profiles WHERE contact_id = ?", contact).all())
                        .extracting(r -> r.getInt(0)).containsExactly(15);
                assertThat(session.execute("SELECT segment_id FROM " + ks + ".contact_segments WHERE contact_id = ?", contact).all())
                        .extracting(r -> r.getString(0)).containsExactly("customers");
                assertThat(session.execute("SELECT dnc FROM " + ks + ".contact_dnc WHERE contact_id = ? AND channel = 'email'", contact).all())
                        .extracting(r -> r.getBoolean(0)).containsExactly(false);
            });
            assertThat(subjects(ns, domain)).isEmpty();

            // Steps 7 and 8: an email to the contact now, and into a campaign (not of its segment) whose first step mails it.
            // And the segment email to its segment's members, twice: the second send is the same commands, sent once.
            JsonObject second = withId(env, id, "send", "campaign", "segmentSend", "segmentSend");
            assertThat(second.getJsonObject("send").getJsonObject("reply").getInteger("success")).isEqualTo(1);
            assertThat(second.getJsonObject("campaign").getJsonObject("reply").getInteger("success")).isEqualTo(1);
            assertThat(second.getJsonObject("segmentSend").getJsonObject("reply").getInteger("sentCount")).isEqualTo(1);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(subjects(ns, domain))
                    .containsExactlyInAnyOrder("Hello Ada", "Welcome aboard", "News for you"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(withId(env, id, "memberships").getJsonObject("memberships").encode())
                    .isEqualTo("{\"segments\":[\"customers\"],\"campaigns\":[\"welcome\"]}"));
            Thread.sleep(2_000); // time for a wrong second email to arrive
            assertThat(subjects(ns, domain)).containsExactlyInAnyOrder("Hello Ada", "Welcome aboard", "News for you");

            // The form's results as Mautic lists them: a visitor on a new device signs up with the address; the
            // submission names the contact it became (merged into Ada), by Ada's integer id. Tags given through the API are listed.
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/form/submit?formId=signup"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "mautic_device_id=mauticform01")
                    .POST(HttpRequest.BodyPublishers.ofString("mauticform%5Bemail%5D=" + java.net.URLEncoder.encode(address, StandardCharsets.UTF_8)
                            + "&mauticform%5Bplan%5D=pro")).build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isIn(200, 303);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                JsonObject results = withId(env, id, "submissions").getJsonObject("submissions");
                assertThat(results.getInteger("total")).isEqualTo(1);
                assertThat(results.getJsonArray("leads").getList()).containsExactly(id);
                assertThat(results.getJsonArray("results").getJsonObject(0).getMap()).containsEntry("email", address).containsEntry("plan", "pro");
            });
            assertThat(new JsonObject(mautic(base, "GET", "/api/tags", null).body()).getJsonArray("tags").stream()
                    .map(t -> ((JsonObject) t).getString("tag"))).contains("vip");

            // A merge: an anonymous contact made through the API is given the same address. Both integer ids keep
            // answering, and they answer the one contact that survived, with both contacts' fields.
            JsonObject anonymous = new JsonObject(mautic(base, "POST", "/api/contacts/new", "{\"company\": \"Analytical Engines\"}").body());
            long other = anonymous.getJsonObject("contact").getLong("id");
            assertThat(other).isNotEqualTo(id);
            assertThat(mautic(base, "PATCH", "/api/contacts/" + other + "/edit", "{\"email\": \"" + address + "\"}").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                JsonObject byOld = new JsonObject(mautic(base, "GET", "/api/contacts/" + other, null).body()).getJsonObject("contact");
                JsonObject byNew = new JsonObject(mautic(base, "GET", "/api/contacts/" + id, null).body()).getJsonObject("contact");
                assertThat(byOld.getLong("id")).isEqualTo(byNew.getLong("id"));
                assertThat(byOld.getString("leadstreamId")).isEqualTo(byNew.getString("leadstreamId"));
                assertThat(byNew.getJsonObject("fields").getJsonObject("all").getString("company")).isEqualTo("Analytical Engines");
                assertThat(byNew.getJsonObject("fields").getJsonObject("all").getString("lastname")).isEqualTo("Lovelace");
            });
            HttpResponse<String> again = mautic(base, "GET", "/api/contacts/" + id, null);
            assertThat(again.headers().firstValue("Mautic-Version")).isPresent();
        }
    }

    private HttpResponse<String> mautic(String base, String method, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("integration:integration-pass-1".getBytes()))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonObject withId(Map<String, String> env, long id, String... steps) throws Exception {
        Map<String, String> e = new java.util.HashMap<>(env);
        e.put("CONTACT_ID", Long.toString(id));
        return client(e, steps);
    }

    private static JsonObject client(Map<String, String> env, String... steps) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "client.js"));
        command.addAll(List.of(steps));
        Result r = run(command, env, Duration.ofMinutes(2));
        assertThat(r.exit).as("node-mautic " + List.of(steps) + ": " + r.output).isZero();
        String[] lines = r.output.strip().split("\n");
        return new JsonObject(lines[lines.length - 1]);
    }

    private static List<String> subjects(TestNamespace ns, String domain) {
        return ns.stack().smtp().receivedFor(domain).stream().map(m -> {
            try {
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private int v1(String base, String method, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private record Result(int exit, String output) {}

    private static Result run(List<String> command, Map<String, String> env, Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(CLIENT.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out: " + new String(out, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
