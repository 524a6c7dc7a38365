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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Segment emails with variants, translations and dynamic content, through the whole system: an A/B test
 * whose sample is split between its two variants, whose winner (the variant whose emails were opened) goes
 * to the rest when the test period ends, each contact once; a newsletter chosen by each contact's
 * preferred_locale (French, German, else the original), whose offer block is the VIP one for the members
 * of the VIP segment.
 */
@ExtendWith(LeadStreamStackExtension.class)
class EmailVariantsIT {
    private static final String TOKEN = "email-variants-token";
    private static final int READERS = 40;

    @Test
    void abTestWinnerGoesToTheRestAndTranslationsAndBlocksFollowTheContact(TestNamespace ns) throws Exception {
        LeadStreamConfig config = RunningEngine.config(ns, TOKEN)
                .with(LinkOptions.TOKEN_SECRET, "email-variants-it-secret-0123456789abcdef")
                .with(WorkerOptions.SMTP_HOST, ns.stack().smtp().host())
                .with(WorkerOptions.SMTP_PORT, ns.stack().smtp().port());
        String domain = ns.keyspace().replace('_', '-') + ".example";
        try (RunningEngine engine = RunningEngine.start(ns, config, "email-variants");
             GatewayServer gateway = new GatewayServer(config).start();
             SendWorkers workers = SendWorkers.start(config, gateway.baseUrl());
             CqlSession session = ns.stack().cassandra().newSession()) {
            engine.awaitRunning();
            GatewayCalls api = new GatewayCalls(gateway.baseUrl(), TOKEN);
            for (String segment : List.of("readers", "intl", "vip")) {
                put(api, "/api/v1/segments/" + segment, "{\"name\": \"" + segment + "\", \"filters\": []}");
            }
            put(api, "/api/v1/emails/ab", """
                    {"name": "AB", "type": "marketing", "from": "news@shop.example", "subject": "Subject A", "html": "<p>A</p>", "text": "A",
                     "segments": ["readers"], "abTest": {"criterion": "open-rate", "samplePercent": 50, "testPeriod": "PT40S"}}""");
            put(api, "/api/v1/emails/ab-b", """
                    {"name": "AB b", "type": "marketing", "from": "news@shop.example", "subject": "Subject B", "html": "<p><a href=\\"https://shop.example/b\\">B</a></p>", "text": "B",
                     "variantOf": "ab"}""");
            put(api, "/api/v1/emails/hello", """
                    {"name": "Hello", "type": "marketing", "from": "news@shop.example", "subject": "Hello {contactfield=firstname}",
                     "html": "<p>Hello</p><div id=\\"offer\\">{dynamiccontent=\\"Offer\\"}</div>", "text": "Hello {dynamiccontent=\\"Offer\\"}",
                     "segments": ["intl"],
                     "dynamicContent": [{"name": "Offer", "default": "<b>10% off</b>",
                       "variants": [{"filters": [{"kind": "segment", "segment": "vip"}], "content": "<b>30% off for you, {contactfield=firstname}</b>"}]}]}""");
            put(api, "/api/v1/emails/hello-fr", """
                    {"name": "Bonjour", "type": "marketing", "from": "news@shop.example", "subject": "Bonjour {contactfield=firstname}",
                     "html": "<p>Bonjour</p>", "text": "Bonjour", "translationOf": "hello", "language": "fr"}""");
            put(api, "/api/v1/emails/hello-de", """
                    {"name": "Hallo", "type": "marketing", "from": "news@shop.example", "subject": "Hallo {contactfield=firstname}",
                     "html": "<p>Hallo</p>", "text": "Hallo", "translationOf": "hello", "language": "de"}""");

            // The translations and blocks: the VIPs first, so their membership is stored before the newsletter goes.
            assertThat(api.importCsv("segment=vip", "email,firstname,preferred_locale\nvip-fr@" + domain + ",Vivienne,fr_CA\nvip@" + domain
                    + ",Victor,\n").getString("state")).isEqualTo("done");
            await().atMost(Duration.ofSeconds(60)).until(() -> members(session, ns, "vip") == 2);
            assertThat(api.importCsv("segment=intl", "email,firstname,preferred_locale\nvip-fr@" + domain + ",Vivienne,fr_CA\nvip@" + domain
                    + ",Victor,\nmarie@" + domain + ",Marie,fr\nhans@" + domain + ",Hans,de_DE\nana@" + domain + ",Ana,es\nbob@" + domain + ",Bob,\n"
                    + "dan@" + domain + ",Dan,\n").getString("state")).isEqualTo("done");
            await().atMost(Duration.ofSeconds(60)).until(() -> members(session, ns, "intl") == 7);
            String dan = new JsonObject(api.send("GET", "/api/v1/contacts?email=dan%40" + domain, null).body()).getString("id");
            assertThat(api.send("PUT", "/api/v1/contacts/" + dan + "/dnc/email", "{\"reason\": \"asked\"}").statusCode()).isBetween(200, 204);
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    session.execute("SELECT dnc FROM " + ns.keyspace() + ".contact_dnc WHERE contact_id = ? AND channel = 'email'", dan).one() != null);
            assertThat(api.send("POST", "/api/v1/emails/hello/send", "{}").statusCode()).isEqualTo(202);

            StringBuilder csv = new StringBuilder("email,firstname\n");
            for (int i = 0; i < READERS; i++) {
                csv.append("r").append(i).append('@').append(domain).append(",Reader").append(i).append('\n');
            }
            assertThat(api.importCsv("segment=readers", csv.toString()).getString("state")).isEqualTo("done");
            await().atMost(Duration.ofSeconds(60)).until(() -> members(session, ns, "readers") == READERS);
            long started = System.nanoTime();
            assertThat(api.send("POST", "/api/v1/emails/ab/send", "{}").statusCode()).isEqualTo(202);

            Map<String, MimeMessage> hello = await().atMost(Duration.ofSeconds(60)).until(() -> byRecipient(ns, domain, "intl"), m -> m.size() == 6);
            assertThat(hello).doesNotContainKey("dan@" + domain);
            assertThat(hello.get("vip-fr@" + domain).getSubject()).as("fr_CA: the fr translation").isEqualTo("Bonjour Vivienne");
            assertThat(hello.get("marie@" + domain).getSubject()).isEqualTo("Bonjour Marie");
            assertThat(hello.get("hans@" + domain).getSubject()).as("de_DE: the de translation").isEqualTo("Hallo Hans");
            assertThat(hello.get("ana@" + domain).getSubject()).as("no es translation: the email itself").isEqualTo("Hello Ana");
            assertThat(hello.get("bob@" + domain).getSubject()).isEqualTo("Hello Bob");
            assertThat(offer(hello.get("vip@" + domain))).as("a VIP's block").isEqualTo("30% off for you, Victor");
            assertThat(offer(hello.get("bob@" + domain))).as("the default block").isEqualTo("10% off");
            assertThat(text(hello.get("bob@" + domain))).isEqualTo("Hello 10% off");
            // Its report: the family's counts (translations count as themselves), by segment, Dan suppressed as do-not-contact.
            JsonObject helloReport = await().atMost(Duration.ofSeconds(30)).until(() -> report(api, "hello"),
                    r -> r.getJsonObject("totals").getLong("sent") == 6 && r.getJsonObject("totals").getLong("suppressed") == 1);
            assertThat(helloReport.getJsonObject("totals").getJsonObject("suppressedBy").getLong("dnc")).isEqualTo(1);
            assertThat(helloReport.getJsonArray("segments").getJsonObject(0).getString("segment")).isEqualTo("intl");
            assertThat(helloReport.getJsonArray("segments").getJsonObject(0).getLong("sent")).isEqualTo(6);
            Map<String, Long> sentBy = new HashMap<>();
            helloReport.getJsonArray("variants").forEach(v -> sentBy.put(((JsonObject) v).getString("email"), ((JsonObject) v).getLong("sent")));
            assertThat(sentBy).isEqualTo(Map.of("hello", 3L, "hello-fr", 2L, "hello-de", 1L));
            System.out.printf("Newsletter report: %s%n", helloReport.getJsonObject("totals").encode());

            // The A/B test's sample: half the readers, split between A and B, while the rest waits for the test's end.
            Thread.sleep(15_000);
            Map<String, MimeMessage> sample = byRecipient(ns, domain, "r");
            long sampleA = sample.values().stream().filter(m -> subject(m).equals("Subject A")).count();
            long sampleB = sample.size() - sampleA;
            System.out.printf("A/B sample after %.1f s: %d of %d readers, %d A and %d B%n", (System.nanoTime() - started) / 1e9, sample.size(), READERS,
                    sampleA, sampleB);
            assertThat(sample.size()).isBetween(10, 30);
            assertThat(sampleA).isPositive();
            assertThat(sampleB).isPositive();
            for (MimeMessage m : sample.values()) {
                if (subject(m).equals("Subject B")) { // B's readers open it: B wins on open rate
                    String pixel = Jsoup.parse(html(m)).select("img").last().attr("src");
                    HttpResponse<Void> open = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(pixel))
                            .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0").build(), HttpResponse.BodyHandlers.discarding());
                    assertThat(open.statusCode()).isEqualTo(200);
                }
            }
            MimeMessage clickedB = sample.values().stream().filter(m -> subject(m).equals("Subject B")).findFirst().orElseThrow();
            String link = Jsoup.parse(html(clickedB)).selectFirst("a").attr("href");
            for (int i = 0; i < 2; i++) {
                assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link)).header("User-Agent", "Mozilla/5.0 Firefox/130.0").build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(302);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> variant(abTest(api), "ab-b").getLong("uniqueOpens") == sampleB);

            Map<String, MimeMessage> all = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> byRecipient(ns, domain, "r"), m -> m.size() == READERS);
            Thread.sleep(3000);
            assertThat(ns.stack().smtp().receivedFor(domain).stream().filter(m -> recipient(m).startsWith("r")).count())
                    .as("each reader once").isEqualTo(READERS);
            for (Map.Entry<String, MimeMessage> e : all.entrySet()) {
                if (!sample.containsKey(e.getKey())) {
                    assertThat(subject(e.getValue())).as("the rest gets the winner: " + e.getKey()).isEqualTo("Subject B");
                }
            }
            JsonObject test = abTest(api);
            assertThat(test.getJsonObject("winner").getString("email")).isEqualTo("ab-b");
            assertThat(test.getJsonObject("winner").getJsonObject("scores").getDouble("ab-b")).isEqualTo(1.0);
            await().atMost(Duration.ofSeconds(20)).until(() -> variant(abTest(api), "ab-b").getLong("sent") == READERS - sampleA);
            assertThat(variant(abTest(api), "ab").getLong("sent")).isEqualTo(sampleA);
            JsonObject progress = new JsonObject(api.send("GET", "/api/v1/emails/ab/send", null).body());
            assertThat(progress.getLong("sent")).as(progress.encode()).isEqualTo(READERS);
            assertThat(progress.getLong("pending")).isZero();
            System.out.printf("A/B test: %s%n", test.encode());
            JsonObject abReport = report(api, "ab");
            assertThat(abReport.getJsonArray("links").getJsonObject(0).getString("url")).isEqualTo("https://shop.example/b");
            assertThat(abReport.getJsonArray("links").getJsonObject(0).getLong("clicks")).isEqualTo(2);
            assertThat(abReport.getJsonArray("links").getJsonObject(0).getLong("uniqueClicks")).isEqualTo(1);
            assertThat(abReport.getJsonObject("totals").getLong("sent")).isEqualTo(READERS);
            assertThat(abReport.getJsonArray("segments").getJsonObject(0).getLong("sent")).isEqualTo(READERS);
            HttpResponse<String> export = api.send("GET", "/api/v1/emails/ab/report?format=csv", null);
            assertThat(export.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
            assertThat(export.body()).contains("ab,variant,ab-b,,", "ab,segment,readers,", "ab,link,https://shop.example/b,,,,,,2,1,");
        }
    }

    private static void put(GatewayCalls api, String path, String json) throws Exception {
        HttpResponse<String> r = api.send("PUT", path, json);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(201);
    }

    private static JsonObject abTest(GatewayCalls api) throws Exception {
        HttpResponse<String> r = api.send("GET", "/api/v1/emails/ab/ab-test", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    private static JsonObject report(GatewayCalls api, String email) throws Exception {
        HttpResponse<String> r = api.send("GET", "/api/v1/emails/" + email + "/report", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    private static JsonObject variant(JsonObject test, String id) {
        JsonArray variants = test.getJsonArray("variants");
        for (int i = 0; i < variants.size(); i++) {
            if (variants.getJsonObject(i).getString("email").equals(id)) {
                return variants.getJsonObject(i);
            }
        }
        throw new AssertionError("no variant " + id + " in " + test.encode());
    }

    private static long members(CqlSession session, TestNamespace ns, String segment) {
        return session.execute("SELECT COUNT(*) FROM " + ns.keyspace() + ".segment_members WHERE segment_id = ?", segment).one().getLong(0);
    }

    /** The messages to recipients whose address starts with {@code prefix} (the readers "r...", else everyone but them), by recipient. */
    private static Map<String, MimeMessage> byRecipient(TestNamespace ns, String domain, String prefix) {
        Map<String, MimeMessage> out = new HashMap<>();
        for (MimeMessage m : ns.stack().smtp().receivedFor(domain)) {
            String to = recipient(m);
            boolean reader = to.matches("r\\d+@.*");
            if (prefix.equals("r") == reader) {
                out.put(to, m);
            }
        }
        return out;
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String html(MimeMessage m) throws Exception {
        return ((MimeMultipart) m.getContent()).getBodyPart(1).getContent().toString();
    }

    private static String text(MimeMessage m) throws Exception {
        return ((MimeMultipart) m.getContent()).getBodyPart(0).getContent().toString().strip();
    }

    private static String offer(MimeMessage m) throws Exception {
        return Jsoup.parse(html(m)).selectFirst("#offer").text();
    }
}
