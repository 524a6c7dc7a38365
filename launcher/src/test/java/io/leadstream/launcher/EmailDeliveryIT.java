package io.leadstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.sun.net.httpserver.HttpServer;
import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.common.ids.IdentityIds;
import io.leadstream.email.LinkOptions;
import io.leadstream.gateway.GatewayServer;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.event.EmailClick;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.stack.TopicReader;
import io.leadstream.workers.SendWorkers;
import io.leadstream.workers.WebhookSignature;
import io.leadstream.workers.WorkerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * From a page hit to an email in the inbox and back, through the whole system: definitions by the
 * API (an email, a point action, a trigger that sends the email), a pixel hit that identifies the
 * contact and earns the points, the engine's send command in the outbox, a send worker delivering
 * it over SMTP (GreenMail) rendered for the contact, and its tracked link followed through the
 * gateway: a redirect to the original URL and a click event in Kafka for that contact; its web view
 * page rendered by the gateway; then its
 * one-click unsubscribe makes the contact do-not-contact; its open pixel and a relay's bounce report
 * (a DSN to the bounce endpoint) come back too, and the email's stats in Cassandra count each.
 */
@ExtendWith(LeadStreamStackExtension.class)
class EmailDeliveryIT {
    private static final String TOKEN = "email-token";
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void aHitThatFiresATriggerPutsItsEmailInTheInboxAndItsLinkComesBackAsAClick(TestNamespace ns) throws Exception {
        LeadStreamConfig config = config(ns);
        String domain = ns.keyspace().replace('_', '-') + ".example";
        try (RunningEngine engine = RunningEngine.start(ns, config, "email-delivery");
             GatewayServer gateway = new GatewayServer(config).start();
             SendWorkers workers = SendWorkers.start(config, gateway.baseUrl())) {
            engine.awaitRunning();
            String base = gateway.baseUrl();
            assertThat(put(base, "emails", "welcome", """
                    {"name": "Welcome", "type": "marketing", "from": "news@shop.example", "subject": "Welcome, {contactfield=firstname|friend}",
                     "html": "<p>Hi {contactfield=firstname|friend}, see <a href=\\"https://shop.example/new\\">what is new</a>.</p><p><a href=\\"{webview_url}\\">View online</a></p>",
                     "text": "Hi {contactfield=firstname|friend}: https://shop.example/new"}""")).isEqualTo(201);
            assertThat(put(base, "point-actions", "pricing", """
                    {"name": "Pricing page", "type": "page_hit", "points": 10, "url": "https://shop.example/pricing*"}""")).isEqualTo(201);
            assertThat(put(base, "point-triggers", "hot", """
                    {"name": "Hot", "threshold": 10, "actions": [{"type": "send_email", "email": "welcome"}]}""")).isEqualTo(201);

            String address = "ada@" + domain;
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                // Repeated until the engine has the definitions; the trigger fires once per contact.
                assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/mtracking.gif?page_url=" + enc("https://shop.example/pricing")
                                + "&email=" + enc(address) + "&firstname=Ada")).header("Cookie", "mautic_device_id=emaildev01").build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
                assertThat(ns.stack().smtp().receivedFor(domain)).hasSize(1);
            });
            Thread.sleep(2000); // a second send would land by now
            List<MimeMessage> inbox = ns.stack().smtp().receivedFor(domain);
            assertThat(inbox).hasSize(1);
            MimeMessage mail = inbox.get(0);
            assertThat(mail.getSubject()).isEqualTo("Welcome, Ada");
            assertThat(mail.getHeader("List-Unsubscribe")[0]).startsWith("<" + base + "/email/unsubscribe/");
            String html = ((MimeMultipart) mail.getContent()).getBodyPart(1).getContent().toString();
            Matcher link = Pattern.compile("href=\"" + Pattern.quote(base) + "(/r/[^\"]+)\"").matcher(html);
            assertThat(link.find()).as(html).isTrue();

            // The web view: the same email rendered by the gateway for the contact, its link tracked as in the email.
            Matcher view = Pattern.compile("href=\"" + Pattern.quote(base) + "(/email/view/[^\"]+)\"").matcher(html);
            assertThat(view.find()).as(html).isTrue();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + view.group(1))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Hi Ada, see").contains("href=\"" + base + "/r/");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + view.group(1) + "x")).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode()).as("a tampered web view token").isEqualTo(404);

            HttpResponse<Void> click = http.send(HttpRequest.newBuilder(URI.create(base + link.group(1))).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(click.statusCode()).isEqualTo(302);
            assertThat(click.headers().firstValue("Location")).contains("https://shop.example/new");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(TopicReader.readAll(config.get(KafkaOptions.BOOTSTRAP_SERVERS),
                                    TopicNames.from(config).rawEvents(), Duration.ofSeconds(30)).stream()
                            .map(r -> AvroCodec.of(TrackingEvent.class).decode(r.value()))
                            .filter(e -> e.getPayload() instanceof EmailClick c && c.getEmailId().equals("welcome")))
                            .singleElement().satisfies(e -> assertThat(e.getContactId()).isNotBlank()));

            // One-click unsubscribe (RFC 8058) from the header: the contact becomes do-not-contact in Cassandra.
            String unsubscribe = mail.getHeader("List-Unsubscribe")[0].replaceAll("^<|>$", "");
            HttpResponse<Void> out = http.send(HttpRequest.newBuilder(URI.create(unsubscribe)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(out.statusCode()).isBetween(200, 299);
            try (CqlSession session = ns.stack().cassandra().newSession()) {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                        assertThat(session.execute("SELECT dnc, reason FROM " + ns.keyspace() + ".contact_dnc WHERE contact_id = ? AND channel = 'email'",
                                IdentityIds.anon("emaildev01")).one()).isNotNull()
                                .satisfies(r -> assertThat(r.getBoolean("dnc") + " " + r.getString("reason")).isEqualTo("true unsubscribed from welcome (one-click)")));

                // The open pixel, then a soft bounce reported by a relay's DSN naming the message: the email's stats count them all.
                Matcher pixel = Pattern.compile("src=\"" + Pattern.quote(base) + "(/email/[^\"]+\\.gif)\"").matcher(html);
                assertThat(pixel.find()).as(html).isTrue();
                assertThat(http.send(HttpRequest.newBuilder(URI.create(base + pixel.group(1))).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode()).isEqualTo(200);
                HttpResponse<String> bounce = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/bounces"))
                        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "message/rfc822")
                        .POST(HttpRequest.BodyPublishers.ofString(dsn(address, mail.getMessageID()))).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(bounce.statusCode()).as(bounce.body()).isEqualTo(202);
                String sendId = mail.getMessageID().substring(1, mail.getMessageID().indexOf('@'));
                assertThat(new JsonObject(bounce.body()).getJsonArray("accepted").getJsonObject(0).getMap())
                        .containsEntry("address", address).containsEntry("kind", "soft").containsEntry("sendId", sendId);
                HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/bounces"))
                        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"address\": \"nobody@" + domain + "\", \"kind\": \"hard\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                        assertThat(session.execute("SELECT kind, send_id, diagnostic FROM " + ns.keyspace() + ".contact_bounces WHERE contact_id = ?",
                                new JsonObject(bounce.body()).getJsonArray("accepted").getJsonObject(0).getString("contactId")).all())
                                .extracting(r -> r.getString("kind") + " " + r.getString("send_id") + " " + r.getString("diagnostic"))
                                .containsExactly("SOFT " + sendId + " 4.2.2 smtp; 452 4.2.2 Mailbox full"));
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    Row stats = session.execute("SELECT * FROM " + ns.keyspace() + ".email_stats WHERE email_id = 'welcome'").one();
                    assertThat(stats).isNotNull();
                    assertThat(List.of("sent", "delivered", "opens", "unique_opens", "clicks", "unique_clicks", "bounced", "unsubscribed", "failed")
                            .stream().map(c -> c + "=" + stats.getLong(c)).toList())
                            .containsExactly("sent=1", "delivered=1", "opens=1", "unique_opens=1", "clicks=1", "unique_clicks=1", "bounced=1",
                                    "unsubscribed=1", "failed=0");
                });
                // The same counts per UTC day through the API (two days, in case the test straddles midnight).
                JsonArray days = new JsonObject(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/stats/emails/welcome/daily?days=2"))
                        .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body()).getJsonArray("days");
                assertThat(days).hasSize(2);
                assertThat(List.of("sent", "uniqueOpens", "uniqueClicks", "bounced", "unsubscribed").stream()
                        .map(c -> c + "=" + days.stream().mapToLong(d -> ((JsonObject) d).getLong(c)).sum()).toList())
                        .containsExactly("sent=1", "uniqueOpens=1", "uniqueClicks=1", "bounced=1", "unsubscribed=1");
            }
        }
    }

    @Test
    void aCampaignSendToADoNotContactContactIsLoggedAndCountedAsSuppressedNotExecuted(TestNamespace ns) throws Exception {
        LeadStreamConfig config = config(ns);
        String domain = ns.keyspace().replace('_', '-') + ".example";
        String ks = ns.keyspace();
        String contact = IdentityIds.anon("dncdev0001");
        try (RunningEngine engine = RunningEngine.start(ns, config, "suppressed-sends");
             GatewayServer gateway = new GatewayServer(config).start();
             SendWorkers workers = SendWorkers.start(config, gateway.baseUrl());
             CqlSession session = ns.stack().cassandra().newSession()) {
            engine.awaitRunning();
            String base = gateway.baseUrl();
            assertThat(put(base, "emails", "promo", """
                    {"name": "Promo", "type": "marketing", "from": "news@shop.example", "subject": "Sale", "html": "<p>Sale</p>", "text": "Sale"}""")).isEqualTo(201);
            assertThat(put(base, "point-actions", "pricing", """
                    {"name": "Pricing page", "type": "page_hit", "points": 10, "url": "https://shop.example/pricing*"}""")).isEqualTo(201);
            assertThat(put(base, "segments", "hot", """
                    {"name": "Hot", "filters": [{"kind": "points", "operator": "gte", "value": 10}]}""")).isEqualTo(201);
            assertThat(put(base, "campaigns", "promo", """
                    {"name": "Promo", "sources": {"segments": ["hot"]}, "events": [
                      {"id": "send", "type": "action", "kind": "send_email", "email": "promo"}]}""")).isEqualTo(201);
            // The contact asked not to be contacted (as the unsubscribe page or the API would record it).
            session.execute("INSERT INTO " + ks + ".contact_dnc (contact_id, channel, dnc, reason) VALUES (?, 'email', true, 'manual')", contact);

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                // Repeated until the engine has the definitions; the contact enters the campaign once.
                assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/mtracking.gif?page_url=" + enc("https://shop.example/pricing")
                                + "&email=" + enc("dnc@" + domain))).header("Cookie", "mautic_device_id=dncdev0001").build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
                assertThat(session.execute("SELECT outcome, detail FROM " + ks + ".campaign_log WHERE contact_id = ? AND campaign_id = 'promo'", contact)
                        .all()).extracting(r -> r.getString("outcome") + " " + r.getString("detail")).contains("SUPPRESSED do not contact");
            });
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(session.execute("SELECT outcome, count FROM " + ks + ".campaign_event_stats WHERE campaign_id = 'promo' AND event_id = 'send'")
                        .all()).extracting(r -> r.getString("outcome") + "=" + r.getLong("count")).containsExactlyInAnyOrder("EXECUTED=0", "SUPPRESSED=1");
                Row stats = session.execute("SELECT sent, failed, suppressed FROM " + ks + ".email_stats WHERE email_id = 'promo'").one();
                assertThat(stats).isNotNull();
                assertThat(stats.getLong("sent") + " " + stats.getLong("failed") + " " + stats.getLong("suppressed")).isEqualTo("0 0 1");
                assertThat(session.execute("SELECT kind, detail FROM " + ks + ".contact_timeline WHERE contact_id = ?", contact).all())
                        .filteredOn(r -> "email_suppressed".equals(r.getString("kind"))).singleElement()
                        .satisfies(r -> assertThat(r.getMap("detail", String.class, String.class))
                                .containsEntry("email_id", "promo").containsEntry("reason", "do not contact").containsEntry("campaign_id", "promo"));
            });
            JsonObject emails = new JsonObject(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/stats/emails"))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(emails.getJsonArray("emails").stream().map(JsonObject.class::cast).filter(e -> "promo".equals(e.getString("email"))))
                    .singleElement().satisfies(e -> assertThat(e.getLong("suppressed")).isEqualTo(1));
            assertThat(ns.stack().smtp().receivedFor(domain)).as("nothing sent").isEmpty();

            // The editor's test send of the same email, with the contact's fields: it arrives, marked, and counts nowhere.
            HttpResponse<String> test = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/emails/promo/test"))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"to\": \"author@" + domain + "\", \"contact\": \"" + contact + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(test.statusCode()).as(test.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(ns.stack().smtp().receivedFor(domain)).hasSize(1));
            MimeMessage tested = ns.stack().smtp().receivedFor(domain).get(0);
            assertThat(tested.getSubject()).isEqualTo("[Test] Sale");
            assertThat(tested.getAllRecipients()[0].toString()).isEqualTo("author@" + domain);
            Thread.sleep(5000); // a delivery report would reach the stats within a second or two
            Row after = session.execute("SELECT sent, failed, suppressed FROM " + ks + ".email_stats WHERE email_id = 'promo'").one();
            assertThat(after.getLong("sent") + " " + after.getLong("failed") + " " + after.getLong("suppressed")).as("a test counts nowhere")
                    .isEqualTo("0 0 1");
        }
    }

    @Test
    void aFormSubmissionRunsTheFormsActionsWithoutACampaign(TestNamespace ns) throws Exception {
        String domain = ns.keyspace().replace('_', '-') + ".example";
        WebhookSignature signature = new WebhookSignature("form-actions-webhook-secret");
        List<String> hooks = new CopyOnWriteArrayList<>(); // the bodies of correctly signed calls
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/crm", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean signed = signature.verifies(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), body);
            if (signed) {
                hooks.add(body);
            }
            exchange.sendResponseHeaders(signed ? 204 : 401, -1);
            exchange.close();
        });
        List<String> feed = new CopyOnWriteArrayList<>(); // a global webhook's calls: every form submission, no campaign, no form action
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        receiver.createContext("/feed", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean signed = signature.verifies(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), body);
            boolean down = signed && refused.get() < FEED_DOWN_FOR && refused.incrementAndGet() <= FEED_DOWN_FOR; // down, then back
            if (signed && !down) {
                feed.add(body);
            }
            exchange.sendResponseHeaders(down ? 503 : signed ? 204 : 401, -1);
            exchange.close();
        });
        List<String> sent = new CopyOnWriteArrayList<>(); // a global webhook's batched calls for the emails sent
        receiver.createContext("/sent", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (signature.verifies(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), body)) {
                sent.add(body);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        LeadStreamConfig config = config(ns).with(WorkerOptions.WEBHOOK_SECRET, "form-actions-webhook-secret")
                .with(WorkerOptions.RETRY_BACKOFF, Duration.ofSeconds(1)); // the feed's receiver is down for its first calls
        try (RunningEngine engine = RunningEngine.start(ns, config, "form-actions");
             GatewayServer gateway = new GatewayServer(config).start();
             SendWorkers workers = SendWorkers.start(config, gateway.baseUrl())) {
            engine.awaitRunning();
            String base = gateway.baseUrl();
            assertThat(put(base, "emails", "thanks", """
                    {"name": "Thanks", "type": "transactional", "from": "news@shop.example", "subject": "Thanks, {contactfield=firstname|friend}",
                     "html": "<p>Thanks for signing up.</p>", "text": "Thanks for signing up."}""")).isEqualTo(201);
            assertThat(put(base, "emails", "new-lead", """
                    {"name": "New lead", "type": "transactional", "from": "forms@shop.example", "subject": "New sign-up: {contactfield=email}",
                     "html": "<p>Results:</p>{formresults}", "text": "Results:\\n{formresults}"}""")).isEqualTo(201);
            assertThat(put(base, "fields", "lifecycle", """
                    {"label": "Lifecycle", "type": "text"}""")).isEqualTo(201);
            assertThat(put(base, "webhooks", "crm-feed", """
                    {"name": "CRM feed", "url": "http://127.0.0.1:%d/feed", "events": ["form_submission"]}"""
                    .formatted(receiver.getAddress().getPort()))).isEqualTo(201);
            assertThat(put(base, "webhooks", "sent-feed", """
                    {"name": "Emails sent", "url": "http://127.0.0.1:%d/sent", "events": ["email_sent"], "batch": 20}"""
                    .formatted(receiver.getAddress().getPort()))).isEqualTo(201);
            assertThat(put(base, "segments", "leads", """
                    {"name": "Leads", "filters": [{"kind": "points", "operator": "gte", "value": 1000}]}""")).isEqualTo(201);
            assertThat(put(base, "forms", "signup", """
                    {"name": "Sign up", "fields": [{"alias": "email", "type": "email", "required": true}, {"alias": "firstname"}],
                     "message": "Thank you", "actions": [
                       {"type": "segment_add", "segment": "leads"},
                       {"type": "adjust_points", "points": 25},
                       {"type": "tags_add", "tags": ["signed-up"]},
                       {"type": "update_field", "field": "lifecycle", "value": "lead"},
                       {"type": "send_email", "email": "thanks"},
                       {"type": "webhook", "url": "http://127.0.0.1:%d/crm"},
                       {"type": "notify", "email": "new-lead", "to": ["sales@%s"]}]}""".formatted(receiver.getAddress().getPort(), domain))).isEqualTo(201);

            String address = "grace@" + domain;
            java.util.concurrent.atomic.AtomicInteger submissions = new java.util.concurrent.atomic.AtomicInteger();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                // Posted again until the engine has the definitions; a submission the engine read before them ran no actions.
                submissions.incrementAndGet();
                HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(base + "/form/submit?formId=signup"))
                        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("mauticform[email]=" + enc(address) + "&mauticform[firstname]=Grace")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(posted.statusCode()).as(posted.body()).isBetween(200, 299);
                assertThat(to(ns, domain, address)).isNotEmpty();
            });
            MimeMessage mail = to(ns, domain, address).get(0);
            assertThat(mail.getSubject()).isEqualTo("Thanks, Grace");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                HttpResponse<String> found = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/contacts?email=" + enc(address)))
                        .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
                JsonObject contact = new JsonObject(found.body());
                assertThat(contact.getJsonObject("fields").getString("lifecycle")).isEqualTo("lead");
                assertThat(contact.getJsonArray("tags").getList()).containsExactly("signed-up");
                int emails = to(ns, domain, address).size();
                assertThat(contact.getInteger("points")).as("25 per submission that ran its actions (%d emails)", emails).isEqualTo(25 * emails);
                HttpResponse<String> segments = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/contacts/" + contact.getString("id") + "/segments"))
                        .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(segments.body()).contains("\"leads\"");
                assertThat(hooks).hasSize(emails);
                assertThat(to(ns, domain, "sales@" + domain)).as("a notification per submission").hasSize(emails);
            });
            MimeMessage notice = to(ns, domain, "sales@" + domain).get(0);
            assertThat(notice.getSubject()).isEqualTo("New sign-up: " + address);
            assertThat(((MimeMultipart) notice.getContent()).getBodyPart(0).getContent().toString())
                    .contains("email: " + address, "firstname: Grace");
            assertThat(((MimeMultipart) notice.getContent()).getBodyPart(1).getContent().toString())
                    .contains("<th>firstname</th><td>Grace</td>").doesNotContain("/r/");
            assertThat(hooks.get(0)).contains("\"type\":\"form.submitted\"").contains("\"email\":\"" + address + "\"")
                    .contains("\"results\":{").contains("\"firstname\":\"Grace\"");
            assertThat(hooks.size()).as("a form's webhook per submission at most").isLessThanOrEqualTo(submissions.get());
            // The global webhook was defined before the form: it saw at least every submission that ran the form's actions.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(feed).hasSizeGreaterThanOrEqualTo(hooks.size()));
            JsonObject call = new JsonObject(feed.get(feed.size() - 1));
            assertThat(call.getString("type")).isEqualTo("contact.form_submission");
            assertThat(call.getString("webhook")).isEqualTo("crm-feed");
            assertThat(call.getJsonObject("event").getJsonObject("data").getMap()).containsEntry("form_id", "signup")
                    .containsEntry("value.email", address).containsEntry("value.firstname", "Grace");
            assertThat(feed).extracting(b -> new JsonObject(b).getJsonObject("event").getString("id")).as("one call per submission").doesNotHaveDuplicates();
            // Every thank-you email the workers sent was posted once more, as an email_sent event of its contact, in batches.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(events(sent))
                    .filteredOn(e -> "thanks".equals(e.getJsonObject("data").getString("email_id"))).hasSize(to(ns, domain, address).size()));
            assertThat(sent).map(b -> new JsonObject(b).getString("type")).containsOnly("contact.batch");
            assertThat(events(sent)).allSatisfy(e -> {
                assertThat(e.getString("kind")).isEqualTo("email_sent");
                assertThat(e.getJsonObject("contact").getJsonObject("fields").getString("email")).isEqualTo(address);
            });
            assertThat(events(sent)).map(e -> e.getJsonObject("data").getString("send_id"))
                    .as("each email sent once").doesNotHaveDuplicates().doesNotContainNull();
            // The delivery log the workers kept: every call made, newest first: the refused ones retried, then taken.
            assertThat(refused.get()).as("the receiver was down for its first calls").isEqualTo(FEED_DOWN_FOR);
            JsonObject log = await().atMost(Duration.ofSeconds(30)).until(() -> new JsonObject(http.send(HttpRequest.newBuilder(
                    URI.create(base + "/api/v1/webhooks/crm-feed/calls")).header("Authorization", "Bearer " + TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString()).body()), l -> l.getJsonArray("calls").size() == feed.size() + FEED_DOWN_FOR
                    && sendIds(l, "SENT").containsAll(sendIds(l, "RETRY"))); // a refused call is retried after the backoff
            assertThat(log.getValue("health")).as("back: not failing any more").isNull();
            List<JsonObject> calls = log.getJsonArray("calls").stream().map(JsonObject.class::cast).toList();
            assertThat(calls).extracting(c -> c.getString("outcome") + " " + c.getString("event")).as("each refusal retried, each send once")
                    .containsOnly("SENT form_submission", "RETRY form_submission").filteredOn(c -> c.startsWith("RETRY")).hasSize(FEED_DOWN_FOR);
            assertThat(calls.stream().filter(c -> "SENT".equals(c.getString("outcome"))).map(c -> c.getString("sendId")))
                    .containsExactlyInAnyOrderElementsOf(feed.stream().map(b -> new JsonObject(b).getString("id")).toList());
            assertThat(calls.stream().filter(c -> "RETRY".equals(c.getString("outcome"))).map(c -> c.getString("sendId")))
                    .as("a refused call was sent later").isSubsetOf(feed.stream().map(b -> new JsonObject(b).getString("id")).toList());
        } finally {
            receiver.stop(0);
        }
    }

    /** The send ids of a webhook's logged calls with this outcome. */
    private static java.util.Set<String> sendIds(JsonObject log, String outcome) {
        return log.getJsonArray("calls").stream().map(JsonObject.class::cast).filter(c -> outcome.equals(c.getString("outcome")))
                .map(c -> c.getString("sendId")).collect(java.util.stream.Collectors.toSet());
    }

    /** The events of batched webhook calls' bodies, in the order received. */
    private static List<JsonObject> events(List<String> bodies) {
        return bodies.stream().flatMap(b -> new JsonObject(b).getJsonArray("events").stream()).map(JsonObject.class::cast).toList();
    }

    /** Calls the global webhook's receiver refuses (503) before it is back. */
    private static final int FEED_DOWN_FOR = 2;

    private static List<MimeMessage> to(TestNamespace ns, String domain, String address) throws Exception {
        return ns.stack().smtp().receivedBy(domain, address);
    }

    /** A relay's delivery status notification: the recipient's mailbox is full (4.2.2, soft), the original headers returned. */
    private static String dsn(String address, String messageId) {
        return String.join("\r\n", "From: MAILER-DAEMON@mx.example", "Subject: Delivery delayed", "MIME-Version: 1.0",
                "Content-Type: multipart/report; report-type=delivery-status; boundary=\"R\"", "", "--R", "Content-Type: text/plain", "",
                "Your message is delayed.", "--R", "Content-Type: message/delivery-status", "", "Reporting-MTA: dns; mx.example", "",
                "Final-Recipient: rfc822; " + address, "Action: delayed", "Status: 4.2.2", "Diagnostic-Code: smtp; 452 4.2.2 Mailbox full", "",
                "--R", "Content-Type: text/rfc822-headers", "", "From: news@shop.example", "To: " + address, "Message-ID: " + messageId, "",
                "--R--", "");
    }

    /** The engine, gateway and workers of one test, on the shared SMTP server. */
    private static LeadStreamConfig config(TestNamespace ns) {
        return RunningEngine.config(ns, TOKEN)
                .with(LinkOptions.TOKEN_SECRET, "email-delivery-it-secret-0123456789abcdef")
                .with(WorkerOptions.SMTP_HOST, ns.stack().smtp().host())
                .with(WorkerOptions.SMTP_PORT, ns.stack().smtp().port())
                // The email comes through send-commands: the workers' outbox scan runs at their start only, before it exists.
                .with(WorkerOptions.SCAN_INTERVAL, Duration.ofMinutes(10))
                .with(WorkerOptions.LOOKBACK, Duration.ofMinutes(10));
    }

    private int put(String base, String kind, String id, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/" + kind + "/" + id))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
