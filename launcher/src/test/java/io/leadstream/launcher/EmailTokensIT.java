package io.leadstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.email.EmailOptions;
import io.leadstream.email.LinkOptions;
import io.leadstream.gateway.GatewayServer;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.workers.SendWorkers;
import io.leadstream.workers.WorkerOptions;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every email token through the whole system: an email naming a page, an asset and typed fields is
 * saved by the API (one with an unknown token is refused, saying which), a trigger sends it, and the
 * message in the inbox has each token written for the contact, the site's signature from the
 * configuration, and its page link tracked and leading to the page.
 */
@ExtendWith(LeadStreamStackExtension.class)
class EmailTokensIT {
    private static final String TOKEN = "tokens-token";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US).withZone(ZoneOffset.UTC);

    @Test
    void everyTokenIsWrittenForTheContactAndAnUnknownOneIsRefusedWhenSaved(TestNamespace ns) throws Exception {
        LeadStreamConfig config = RunningEngine.config(ns, TOKEN)
                .with(LinkOptions.TOKEN_SECRET, "email-tokens-it-secret-0123456789abcdef")
                .with(EmailOptions.SIGNATURE, "Regards,<br>the |FROM_NAME| team")
                .with(WorkerOptions.SMTP_HOST, ns.stack().smtp().host())
                .with(WorkerOptions.SMTP_PORT, ns.stack().smtp().port())
                .with(WorkerOptions.SCAN_INTERVAL, Duration.ofMinutes(10))
                .with(WorkerOptions.LOOKBACK, Duration.ofMinutes(10));
        String domain = ns.keyspace().replace('_', '-') + ".example";
        String today = DAY.format(Instant.now());
        try (RunningEngine engine = RunningEngine.start(ns, config, "email-tokens");
             GatewayServer gateway = new GatewayServer(config).start();
             SendWorkers workers = SendWorkers.start(config, gateway.baseUrl())) {
            engine.awaitRunning();
            String base = gateway.baseUrl();
            GatewayCalls api = new GatewayCalls(base, TOKEN);
            assertThat(api.send("PUT", "/api/v1/fields/renewal", "{\"label\": \"Renewal\", \"type\": \"datetime\", \"publiclyUpdatable\": true}")
                    .statusCode()).isEqualTo(201);
            assertThat(api.send("PUT", "/api/v1/fields/spend", "{\"label\": \"Spend\", \"type\": \"number\", \"publiclyUpdatable\": true}")
                    .statusCode()).isEqualTo(201);
            assertThat(api.send("PUT", "/api/v1/pages/spring", "{\"title\": \"Spring\", \"alias\": \"spring-offer\", \"content\": \"<p>Spring</p>\"}")
                    .statusCode()).isEqualTo(201);
            assertThat(api.send("PUT", "/api/v1/assets/pdf", "{\"title\": \"Prices\", \"url\": \"https://cdn.example/prices.pdf\"}").statusCode())
                    .isEqualTo(201);

            HttpResponse<String> refused = api.send("PUT", "/api/v1/emails/bad", """
                    {"name": "Bad", "type": "marketing", "from": "news@shop.example", "subject": "Hi {firstname}", "html": "<p>x</p>",
                     "text": "{pagelink=nowhere}"}""");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
            assertThat(refused.body()).contains("unknown token {firstname}").contains("no page \\\"nowhere\\\" is defined");

            String tokens = "subject={subject}|renewal={contactfield=renewal}|spend={contactfield=spend}|city={contactfield=city|nowhere}"
                    + "|today={date_now}|page={pagelink=spring}|asset={assetlink=pdf}";
            assertThat(api.send("PUT", "/api/v1/emails/offer", """
                    {"name": "Offer", "type": "marketing", "from": "news@shop.example", "fromName": "Shop", "subject": "Offer for {contactfield=firstname}",
                     "html": "<style>p{margin:0}</style><p>%s</p><p><a href=\\"{pagelink=spring}\\">Spring</a></p><p>{signature}</p><p>{unsubscribe_text}</p><p>{webview_text}</p>{tracking_pixel}",
                     "text": "%s\\n{signature}\\n{unsubscribe_text}\\n{webview_text}\\n{unsubscribe_url}\\n{webview_url}"}"""
                    .formatted(tokens, tokens)).statusCode()).isEqualTo(201);
            assertThat(api.send("PUT", "/api/v1/point-actions/pricing", """
                    {"name": "Pricing page", "type": "page_hit", "points": 10, "url": "https://shop.example/pricing*"}""").statusCode()).isEqualTo(201);
            assertThat(api.send("PUT", "/api/v1/point-triggers/hot", """
                    {"name": "Hot", "threshold": 10, "actions": [{"type": "send_email", "email": "offer"}]}""").statusCode()).isEqualTo(201);

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                api.hit("tokensdev01", "https://shop.example/pricing", "&email=ada%40" + domain + "&firstname=Ada"
                        + "&renewal=2027-01-15T09%3A00%3A00Z&spend=12345.50");
                assertThat(ns.stack().smtp().receivedFor(domain)).hasSize(1);
            });
            String end = DAY.format(Instant.now());
            MimeMessage mail = ns.stack().smtp().receivedFor(domain).get(0);
            MimeMultipart parts = (MimeMultipart) mail.getContent();
            String text = parts.getBodyPart(0).getContent().toString().replace("\r\n", "\n");
            String html = parts.getBodyPart(1).getContent().toString();
            String unsubscribe = mail.getHeader("List-Unsubscribe")[0].replaceAll("^<|>$", "");

            assertThat(mail.getSubject()).isEqualTo("Offer for Ada");
            List<String> lines = text.lines().toList();
            assertThat(lines.get(0)).isIn(rendered(base, today), rendered(base, end));
            Matcher webview = Pattern.compile(Pattern.quote(base) + "/email/view/\\S+").matcher(text);
            assertThat(webview.find()).as(text).isTrue();
            assertThat(lines.subList(1, lines.size())).containsExactly("Regards,", "the Shop team",
                    "Unsubscribe to stop receiving these emails. " + unsubscribe,
                    "Trouble reading this email? Open it in your browser. " + webview.group(), unsubscribe, webview.group());
            assertThat(html).contains("<p>subject=Offer for Ada|renewal=January 15, 2027 09:00|spend=12,345.5|")
                    .contains("<p>Regards,<br>the Shop team</p>")
                    .contains("<a href=\"" + unsubscribe + "\">Unsubscribe</a> to stop receiving these emails.")
                    .contains("<style>p{margin:0}</style>").doesNotContainPattern("\\{[a-z_]+(=[^}]*)?}");

            // The page's link is tracked like any other and leads to the page.
            Matcher tracked = Pattern.compile("<a href=\"" + Pattern.quote(base) + "(/r/[^\"]+)\">Spring</a>").matcher(html);
            assertThat(tracked.find()).as(html).isTrue();
            HttpResponse<Void> click = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + tracked.group(1))).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(click.statusCode()).isEqualTo(302);
            assertThat(click.headers().firstValue("Location")).hasValue(base + "/spring-offer");
        }
    }

    private static String rendered(String base, String day) {
        return "subject=Offer for Ada|renewal=January 15, 2027 09:00|spend=12,345.5|city=nowhere|today=" + day + "|page=" + base
                + "/spring-offer|asset=" + base + "/asset/pdf";
    }
}
