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
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The email preference center through the whole system: contacts get a segment email, open its
 * unsubscribe link in a browser (a GET: the preference page), and post the page back. One leaves
 * public list A, joins public list B and asks for one marketing email a week; another pauses
 * marketing email for ten days; the engine applies both (read back through the API), and a second
 * marketing email (to list B) within the week is suppressed for each with its reason, while a
 * contact who chose nothing gets it. The page's "unsubscribe from everything" makes its contact
 * do-not-contact. Then two campaigns sending a marketing email each to the same contacts at the same
 * moment, under a cap of one a week: each contact gets exactly one.
 */
@ExtendWith(LeadStreamStackExtension.class)
class PreferenceCenterIT {
    private static final String TOKEN = "preference-center-token";
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void aContactsChoicesOnItsPreferencePageReachTheEngineAndTheSendWorkers(TestNamespace ns) throws Exception {
        LeadStreamConfig config = config(ns);
        String domain = ns.keyspace().replace('_', '-') + ".example";
        String ada = "ada@" + domain;
        String bob = "bob@" + domain;
        String cy = "cy@" + domain;
        try (RunningEngine engine = RunningEngine.start(ns, config, "preference-center");
             GatewayServer gateway = new GatewayServer(config).start();
             SendWorkers workers = SendWorkers.start(config, gateway.baseUrl());
             CqlSession session = ns.stack().cassandra().newSession()) {
            engine.awaitRunning();
            String base = gateway.baseUrl();
            GatewayCalls api = new GatewayCalls(base, TOKEN);
            api.define("segments", "news-a", "{\"name\": \"Product news\", \"public\": true, \"filters\": []}");
            api.define("segments", "news-b", "{\"name\": \"Offers\", \"description\": \"Deals, now and then\", \"public\": true, \"filters\": []}");
            api.define("emails", "digest", """
                    {"name": "Digest", "type": "marketing", "from": "news@shop.example", "subject": "Digest", "segments": ["news-a"],
                     "html": "<p>News</p><p><a href=\\"{unsubscribe_url}\\">Your email preferences</a></p>", "text": "News {unsubscribe_url}"}""");
            api.define("emails", "offer", """
                    {"name": "Offer", "type": "marketing", "from": "news@shop.example", "subject": "Offer", "segments": ["news-b"],
                     "html": "<p>Deal</p>", "text": "Deal"}""");
            awaitEngineHas(api, "segments", "internal", "{\"name\": \"Internal scoring\", \"filters\": []}");

            JsonObject imported = api.importCsv("segment=news-a", "email,firstname\n" + ada + ",Ada\n" + bob + ",Bob\n" + cy + ",Cy\n");
            assertThat(imported.getString("state")).as(imported.encode()).isEqualTo("done");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> api.get("/api/v1/segments/news-a/contacts").getJsonArray("contacts").size() == 3);
            String adaId = api.contactByEmail(ada).getString("id");
            String bobId = api.contactByEmail(bob).getString("id");
            String cyId = api.contactByEmail(cy).getString("id");
            assertThat(api.send("POST", "/api/v1/segments/internal/contacts/" + adaId + "/add", null).statusCode()).isEqualTo(202);

            assertThat(api.send("POST", "/api/v1/emails/digest/send", "{}").statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> ns.stack().smtp().receivedFor(domain).size() == 3);

            // Ada's page, from the link in her email: lists A and B (A ticked), not the internal segment.
            String adaLink = preferenceLink(message(ns, domain, ada));
            Document page = browse(adaLink, 200);
            assertThat(page.select("input[name=segment]").eachAttr("value")).containsExactly("news-a", "news-b");
            assertThat(page.select("input[name=segment][checked]").eachAttr("value")).containsExactly("news-a");
            assertThat(page.text()).contains("Product news", "Offers", "Deals, now and then", ada).doesNotContain("Internal scoring");
            Document saved = post(base, page.selectFirst("form#preferences"),
                    Map.of("segment", List.of("news-b"), "frequency_max", List.of("1"), "frequency_period", List.of("week")), 200);
            assertThat(saved.text()).contains("Your preferences are saved.");
            assertThat(saved.select("input[name=segment][checked]").eachAttr("value")).containsExactly("news-b");

            // Bob stays on A, joins B and pauses for ten days.
            Document bobs = browse(preferenceLink(message(ns, domain, bob)), 200);
            String pausedUntil = LocalDate.now(ZoneOffset.UTC).plusDays(10).toString();
            post(base, bobs.selectFirst("form#preferences"), Map.of("segment", List.of("news-a", "news-b"), "pause_days", List.of("10")), 200);
            // Cy chooses nothing; the API puts her on B.
            assertThat(api.send("POST", "/api/v1/segments/news-b/contacts/" + cyId + "/add", null).statusCode()).isEqualTo(202);

            // A changed or foreign link is refused, for the page and its form.
            assertThat(http.send(HttpRequest.newBuilder(URI.create(adaLink + "x")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(403);
            String saveUrl = base + page.selectFirst("form#preferences").attr("action");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(saveUrl + "x")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("frequency_max=5")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);

            // The engine applied them: through the API, as any contact change.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(segments(api, adaId)).contains("news-b", "internal").doesNotContain("news-a");
                assertThat(segments(api, bobId)).contains("news-a", "news-b");
                assertThat(segments(api, cyId)).contains("news-a", "news-b");
                assertThat(fields(api, ada)).containsEntry("email_frequency_max", "1").containsEntry("email_frequency_period", "week");
                assertThat(fields(api, bob)).containsEntry("email_paused_until", pausedUntil).doesNotContainKey("email_frequency_max");
            });
            assertThat(browse(adaLink, 200).select("input[name=frequency_max]").val()).as("the page shows what was saved").isEqualTo("1");

            // A second marketing email within the week, to list B: Ada's pace and Bob's pause hold, Cy gets it.
            assertThat(api.send("POST", "/api/v1/emails/offer/send", "{}").statusCode()).isEqualTo(202);
            JsonObject done = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> api.get("/api/v1/emails/offer/send"), p -> p.getLong("sent") + p.getLong("suppressed") >= 3);
            assertThat(done.getLong("sent") + " sent, " + done.getLong("suppressed") + " suppressed").isEqualTo("1 sent, 2 suppressed");
            assertThat(received(ns, domain)).containsEntry(cy, List.of("Digest", "Offer")).containsEntry(ada, List.of("Digest"))
                    .containsEntry(bob, List.of("Digest"));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(suppressedReason(session, ns, adaId)).isEqualTo("frequency cap: 1 marketing email per week (the contact's choice)");
                assertThat(suppressedReason(session, ns, bobId)).isEqualTo("paused until " + pausedUntil);
            });

            // Cy leaves everything from her page: the one-click unsubscribe's own URL, posted by the page's second form.
            Document cys = browse(preferenceLink(message(ns, domain, cy)), 200);
            Element everything = cys.selectFirst("form#unsubscribe");
            assertThat(base + everything.attr("action")).isEqualTo(message(ns, domain, cy).getHeader("List-Unsubscribe")[0].replaceAll("^<|>$", ""));
            HttpResponse<String> out = http.send(HttpRequest.newBuilder(URI.create(base + everything.attr("action")))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(out.statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(
                    api.get("/api/v1/contacts/" + cyId + "/dnc").getJsonObject("channels").getJsonObject("email").getBoolean("dnc")).isTrue());
        }
    }

    @Test
    void twoCampaignsSendingAtOnceGiveEachContactOneEmailUnderACapOfOneAWeek(TestNamespace ns) throws Exception {
        int contacts = 40;
        LeadStreamConfig config = config(ns).with(WorkerOptions.FREQUENCY_CAP, 1).with(WorkerOptions.FREQUENCY_PERIOD, Duration.ofDays(7));
        String domain = ns.keyspace().replace('_', '-') + ".example";
        try (RunningEngine engine = RunningEngine.start(ns, config, "frequency-campaigns");
             GatewayServer gateway = new GatewayServer(config).start();
             SendWorkers workers = SendWorkers.start(config, gateway.baseUrl());
             CqlSession session = ns.stack().cassandra().newSession()) {
            engine.awaitRunning();
            GatewayCalls api = new GatewayCalls(gateway.baseUrl(), TOKEN);
            api.define("segments", "launch", "{\"name\": \"Launch\", \"filters\": []}");
            for (String id : List.of("a", "b")) {
                api.define("emails", "launch-" + id, """
                        {"name": "Launch %s", "type": "marketing", "from": "news@shop.example", "subject": "Launch %s", "html": "<p>%s</p>", "text": "%s"}"""
                        .formatted(id, id, id, id));
                api.define("campaigns", "launch-" + id, """
                        {"name": "Launch %s", "sources": {"segments": ["launch"]}, "events": [
                          {"id": "send", "type": "action", "kind": "send_email", "email": "launch-%s"}]}""".formatted(id, id));
            }
            awaitEngineHas(api, "segments", "sync", "{\"name\": \"Sync\", \"filters\": []}");

            StringBuilder csv = new StringBuilder("email\n");
            for (int i = 0; i < contacts; i++) {
                csv.append("c").append(i).append('@').append(domain).append('\n');
            }
            // Each contact enters both campaigns with the same event: two marketing emails due at the same moment.
            assertThat(api.importCsv("segment=launch", csv.toString()).getString("state")).isEqualTo("done");
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> done(session, ns) == 2L * contacts);
            Thread.sleep(3000); // a second email to anyone would be in by now
            Map<String, List<String>> received = received(ns, domain);
            assertThat(received).hasSize(contacts);
            assertThat(received.values()).allSatisfy(subjects -> assertThat(subjects).hasSize(1));
            assertThat(session.execute("SELECT email_id, sent, suppressed FROM " + ns.keyspace() + ".email_stats").all().stream()
                    .filter(r -> r.getString("email_id").startsWith("launch-"))
                    .mapToLong(r -> r.getLong("sent")).sum()).isEqualTo(contacts);
            assertThat(session.execute("SELECT contact_id, kind, detail FROM " + ns.keyspace() + ".contact_timeline").all().stream()
                    .filter(r -> "email_suppressed".equals(r.getString("kind")))
                    .map(r -> r.getMap("detail", String.class, String.class).get("reason")).distinct().toList())
                    .containsExactly("frequency cap: 1 marketing email per PT168H");
        }
    }

    private static LeadStreamConfig config(TestNamespace ns) {
        return RunningEngine.config(ns, TOKEN)
                .with(LinkOptions.TOKEN_SECRET, "preference-center-it-secret-0123456789abcdef")
                .with(WorkerOptions.SMTP_HOST, ns.stack().smtp().host())
                .with(WorkerOptions.SMTP_PORT, ns.stack().smtp().port())
                // The emails come through send-commands: the workers' outbox scan runs at their start only, before they exist.
                .with(WorkerOptions.SCAN_INTERVAL, Duration.ofMinutes(10))
                .with(WorkerOptions.LOOKBACK, Duration.ofMinutes(10));
    }

    /** Defines a segment and waits for the engine's backfill of it: the definitions before it have reached the engine too. */
    private static void awaitEngineHas(GatewayCalls api, String kind, String id, String json) throws Exception {
        long revision = api.define(kind, id, json);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> api.find("/api/v1/segments/" + id + "/backfill"), b -> b != null && b.getLong("revision") >= revision && b.getBoolean("done"));
    }

    /** The sends of the two launch emails that are done (sent or suppressed), from their stats. */
    private static long done(CqlSession session, TestNamespace ns) {
        return session.execute("SELECT email_id, sent, suppressed FROM " + ns.keyspace() + ".email_stats").all().stream()
                .filter(r -> r.getString("email_id").startsWith("launch-")).mapToLong(r -> r.getLong("sent") + r.getLong("suppressed")).sum();
    }

    private static MimeMessage message(TestNamespace ns, String domain, String to) throws Exception {
        for (MimeMessage m : ns.stack().smtp().receivedFor(domain)) {
            if (m.getAllRecipients()[0].toString().equals(to)) {
                return m;
            }
        }
        throw new AssertionError("no email to " + to);
    }

    /** The link a reader clicks in the HTML body: the email's unsubscribe URL, as in its List-Unsubscribe header. */
    private static String preferenceLink(MimeMessage mail) throws Exception {
        String html = ((MimeMultipart) mail.getContent()).getBodyPart(1).getContent().toString();
        String link = Jsoup.parse(html).select("a:contains(Your email preferences)").attr("href");
        assertThat(mail.getHeader("List-Unsubscribe")[0]).isEqualTo("<" + link + ">");
        return link;
    }

    private Document browse(String url, int status) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return Jsoup.parse(r.body());
    }

    /** The form posted as a browser would: its hidden inputs as they are, and {@code chosen} for the rest. */
    private Document post(String base, Element form, Map<String, List<String>> chosen, int status) throws Exception {
        StringBuilder body = new StringBuilder();
        for (Element hidden : form.select("input[type=hidden]")) {
            body.append('&').append(hidden.attr("name")).append('=').append(GatewayCalls.enc(hidden.val()));
        }
        chosen.forEach((name, values) -> values.forEach(v -> body.append('&').append(name).append('=').append(GatewayCalls.enc(v))));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + form.attr("action")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body.substring(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return Jsoup.parse(r.body());
    }

    private static List<Object> segments(GatewayCalls api, String contactId) throws Exception {
        return api.get("/api/v1/contacts/" + contactId + "/segments").getJsonArray("segments").getList();
    }

    private static Map<String, Object> fields(GatewayCalls api, String email) throws Exception {
        return api.contactByEmail(email).getJsonObject("fields").getMap();
    }

    private static String suppressedReason(CqlSession session, TestNamespace ns, String contactId) {
        return session.execute("SELECT kind, detail FROM " + ns.keyspace() + ".contact_timeline WHERE contact_id = ?", contactId).all().stream()
                .filter(r -> "email_suppressed".equals(r.getString("kind"))).map(r -> r.getMap("detail", String.class, String.class).get("reason"))
                .findFirst().orElse(null);
    }

    /** Subjects received, by recipient. */
    private static Map<String, List<String>> received(TestNamespace ns, String domain) throws Exception {
        Map<String, List<String>> out = new HashMap<>();
        for (MimeMessage m : ns.stack().smtp().receivedFor(domain)) {
            out.computeIfAbsent(m.getAllRecipients()[0].toString(), k -> new java.util.ArrayList<>()).add(m.getSubject());
        }
        return out.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stream().sorted().toList()));
    }
}
