package io.leadstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.common.kafka.TopicAdmin;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.event.FormSubmission;
import io.leadstream.schemas.event.PageHit;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.stack.HeadlessChromium;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestCertificates;
import io.leadstream.stack.TestNamespace;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * mtc.js in a real headless Chromium, on a customer page served from another origin: the Mautic
 * snippet loads {@code /mtc.js} from the gateway, the page view goes through {@code POST
 * /mtc/event} with CORS and credentials, the reply's device id lands in localStorage and in the
 * form's hidden field, and the form submission reaches Kafka with that same device id.
 *
 * <p>The page is on {@code https://127.0.0.1:P} and the gateway on {@code https://localhost:G}
 * (both HTTPS, a throwaway certificate), and the browser blocks third-party cookies: the gateway's
 * SameSite=None cookie is never sent with the tracker's cross-site requests. Only the signed device
 * id in the site's localStorage and in the form's hidden field tie two page views and the form
 * together, which is what this test proves.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} ({@code .ci/install-browser.sh});
 * nothing is downloaded at test time.
 */
@ExtendWith(LeadStreamStackExtension.class)
class TrackerBrowserIT {
    private static final Duration KAFKA_WAIT = Duration.ofSeconds(60);
    private static final Duration BROWSER_WAIT = Duration.ofSeconds(30);
    private static final String PAGE_PATH = "/landing/newsletter?utm_source=browser-it";

    @BeforeAll
    static void requireBrowser() {
        HeadlessChromium.require();
    }

    @Test
    void pageviewAndFormReachKafkaWithTheSameDeviceId(TestNamespace ns) throws Exception {
        Vertx siteVertx = Vertx.vertx();
        Path profile = Files.createTempDirectory("leadstream-chromium-");
        WebDriver driver = null;
        try {
            // The customer's site: its own server and origin, started first so its origin can be
            // allowed in the gateway's CORS configuration.
            AtomicReference<String> gatewayUrl = new AtomicReference<>();
            Path keystore = TestCertificates.keystore(profile.resolveSibling(profile.getFileName() + "-tls.p12"));
            HttpServer site = startSite(siteVertx, gatewayUrl, new HttpServerOptions().setSsl(true)
                    .setKeyCertOptions(new PfxOptions().setPath(keystore.toString()).setPassword(TestCertificates.PASSWORD)));
            String siteOrigin = "https://127.0.0.1:" + site.actualPort();
            String pageUrl = siteOrigin + PAGE_PATH;

            LeadStreamConfig config = ns.config()
                    .with(GatewayOptions.PORT, 0)
                    .with(GatewayOptions.API_TOKEN, "browser-it-api-token-0123456789")
                    .with(GatewayOptions.CORS_ALLOWED_ORIGINS, siteOrigin)
                    .with(GatewayOptions.TLS_KEYSTORE, keystore.toString())
                    .with(GatewayOptions.TLS_KEYSTORE_PASSWORD, TestCertificates.PASSWORD);
            TopicAdmin.ensureTopics(config);
            try (GatewayServer gateway = new GatewayServer(config).start();
                    RawEvents raw = new RawEvents(config)) {
                gatewayUrl.set(gateway.baseUrl());
                assertThat(gateway.baseUrl()).startsWith("https://localhost:");

                // Third-party cookies blocked (Chromium's setting and its older preference); the throwaway certificate accepted.
                driver = HeadlessChromium.start(profile, BROWSER_WAIT, 1280, 900, List.of("--ignore-certificate-errors"),
                        java.util.Map.of("profile.cookie_controls_mode", 1, "profile.block_third_party_cookies", true));
                JavascriptExecutor js = (JavascriptExecutor) driver;
                try {
                    // 1. The page view: mtc.js from the gateway, POST /mtc/event across origins.
                    driver.get(pageUrl);
                    Raw hit = raw.await("the page view of " + pageUrl, e -> e.getPayload() instanceof PageHit p
                            && pageUrl.equals(p.getUrl()), KAFKA_WAIT);
                    assertThat(hit.event().getSource())
                            .as("page view source (PIXEL means POST /mtc/event failed, e.g. CORS, and mtc.js fell back)")
                            .isEqualTo(Source.TRACKER);
                    String deviceId = hit.event().getDeviceId();
                    assertThat(deviceId).matches("[A-Za-z0-9_-]{8,64}");
                    assertThat(hit.key()).as("Kafka key").isEqualTo(deviceId);
                    PageHit page = (PageHit) hit.event().getPayload();
                    assertThat(page.getTitle()).isEqualTo("Tracked landing page");
                    assertThat(page.getCounter()).isEqualTo(0);
                    assertThat(page.getUtm()).containsEntry("utm_source", "browser-it");

                    // 2. The reply's device id, kept on the customer's origin and put in the form.
                    new WebDriverWait(driver, BROWSER_WAIT).until(d -> deviceId.equals(
                            js.executeScript("return window.localStorage.getItem('mtc_device_id')")));
                    new WebDriverWait(driver, BROWSER_WAIT).until(d -> deviceId.equals(js.executeScript(
                            "var f = document.querySelector('input[name=mautic_device_id]'); return f && f.value;")));
                    assertThat(js.executeScript("return typeof window.mt === 'function' && !window.mt.q"))
                            .as("the snippet's queue replaced by mtc.js's function").isEqualTo(true);

                    // 3. The form, posted cross-site to the gateway (no gateway cookie goes with it).
                    driver.findElement(By.id("email")).sendKeys("ada@example.com");
                    driver.findElement(By.id("firstname")).sendKeys("Ada");
                    driver.findElement(By.id("subscribe")).click();
                    Raw form = raw.await("the newsletter form submission", e -> e.getPayload() instanceof FormSubmission f
                            && "newsletter".equals(f.getFormId()), KAFKA_WAIT);
                    assertThat(form.event().getSource()).isEqualTo(Source.FORM);
                    assertThat(form.event().getDeviceId()).as("form device id = page view device id").isEqualTo(deviceId);
                    assertThat(form.key()).isEqualTo(deviceId);
                    FormSubmission submission = (FormSubmission) form.event().getPayload();
                    assertThat(submission.getValues())
                            .containsEntry("email", "ada@example.com")
                            .containsEntry("firstname", "Ada")
                            .doesNotContainKeys("return", "mautic_device_id");
                    assertThat(form.event().getFields()).containsEntry("email", "ada@example.com");
                    // mauticform[return] is a local path: the gateway redirects there after storing.
                    new WebDriverWait(driver, BROWSER_WAIT).until(d -> d.getCurrentUrl().endsWith("/thanks"));

                    // 4. A later visit on the customer's site: the stored id is sent again.
                    driver.get(pageUrl);
                    Raw again = raw.await("the second page view", e -> e.getPayload() instanceof PageHit p
                            && pageUrl.equals(p.getUrl()) && !e.getEventId().equals(hit.event().getEventId()), KAFKA_WAIT);
                    assertThat(again.event().getSource()).isEqualTo(Source.TRACKER);
                    assertThat(again.event().getDeviceId()).as("second visit device id").isEqualTo(deviceId);
                    assertThat(js.executeScript("return window.localStorage.getItem('mtc_device_id')")).isEqualTo(deviceId);
                    assertThat(raw.seen()).as("no pixel fallback at any point")
                            .noneMatch(r -> r.event().getSource() == Source.PIXEL);
                } catch (Throwable t) {
                    printBrowserLog(driver);
                    throw t;
                }
            }
        } finally {
            cleanUp(driver, siteVertx, profile);
        }
    }

    @Test
    void aFormEmbeddedWithGenerateJsIsFilledAndPostedFromAnotherSite(TestNamespace ns) throws Exception {
        Vertx siteVertx = Vertx.vertx();
        Path profile = Files.createTempDirectory("leadstream-chromium-");
        WebDriver driver = null;
        try {
            AtomicReference<String> gatewayUrl = new AtomicReference<>();
            HttpServer site = startSite(siteVertx, gatewayUrl, new HttpServerOptions());
            String token = "browser-it-api-token-0123456789";
            LeadStreamConfig config = ns.config().with(GatewayOptions.PORT, 0).with(GatewayOptions.API_TOKEN, token);
            TopicAdmin.ensureTopics(config);
            try (GatewayServer gateway = new GatewayServer(config).start();
                    RawEvents raw = new RawEvents(config)) {
                gatewayUrl.set(gateway.baseUrl());
                java.net.http.HttpResponse<String> put = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                        .newBuilder(java.net.URI.create(gateway.baseUrl() + "/api/v1/forms/embedded")).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("""
                                {"name": "Embedded", "honeypot": "website", "fields": [{"alias": "email", "label": "Your email", "type": "email", "required": true},
                                 {"alias": "firstname", "label": "First name"}]}""")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(put.statusCode()).as(put.body()).isEqualTo(201);

                driver = HeadlessChromium.start(profile, BROWSER_WAIT, 1280, 900);
                try {
                    driver.get("http://127.0.0.1:" + site.actualPort() + "/landing/embed");
                    WebDriver page = driver;
                    new WebDriverWait(driver, BROWSER_WAIT).until(d -> !page.findElements(By.id("mauticform_embedded")).isEmpty());
                    assertThat(driver.findElement(By.cssSelector("label[for=mauticform_input_email]")).getText()).isEqualTo("Your email");
                    assertThat(driver.findElement(By.name("mauticform[website]")).isDisplayed()).as("the honeypot is out of sight").isFalse();
                    driver.findElement(By.id("mauticform_input_email")).sendKeys("eve@example.com");
                    driver.findElement(By.id("mauticform_input_firstname")).sendKeys("Eve");
                    driver.findElement(By.cssSelector("#mauticform_embedded button[type=submit]")).click();
                    Raw form = raw.await("the embedded form's submission", e -> e.getPayload() instanceof FormSubmission f
                            && "embedded".equals(f.getFormId()), KAFKA_WAIT);
                    assertThat(form.event().getSource()).isEqualTo(Source.FORM);
                    assertThat(((FormSubmission) form.event().getPayload()).getValues())
                            .containsEntry("email", "eve@example.com").containsEntry("firstname", "Eve");
                    assertThat(form.event().getFields()).containsEntry("email", "eve@example.com");
                } catch (Throwable t) {
                    printBrowserLog(driver);
                    throw t;
                }
            }
        } finally {
            cleanUp(driver, siteVertx, profile);
        }
    }

    private static void cleanUp(WebDriver driver, Vertx siteVertx, Path profile) throws Exception {
        if (driver != null) {
            driver.quit();
        }
        siteVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        deleteRecursively(profile);
    }

    /** Headless Debian Chromium with an explicit driver: Selenium Manager is never consulted. */
    /** Serves the tagged page (template from the test resources) and a thank-you page. */
    private static HttpServer startSite(Vertx vertx, AtomicReference<String> gatewayUrl, HttpServerOptions options) throws Exception {
        String template = resource("leadstream/browser/tracked-page.html");
        return vertx.createHttpServer(options).requestHandler(request -> {
            if (request.path().equals("/landing/newsletter")) {
                request.response().putHeader("Content-Type", "text/html; charset=utf-8")
                        .end(template.replace("{{GATEWAY}}", gatewayUrl.get()));
            } else if (request.path().equals("/landing/embed")) { // Mautic's embed snippet for a form
                request.response().putHeader("Content-Type", "text/html; charset=utf-8").end("<!DOCTYPE html><html><head><title>Embed</title></head>"
                        + "<body><h1>Our newsletter</h1><script src=\"" + gatewayUrl.get() + "/form/generate.js?id=embedded\"></script></body></html>");
            } else if (request.path().equals("/favicon.ico")) {
                request.response().setStatusCode(204).end();
            } else {
                request.response().setStatusCode(404).end();
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = TrackerBrowserIT.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as("test resource " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void printBrowserLog(WebDriver driver) {
        if (driver == null) {
            return;
        }
        try {
            System.err.println("Browser at " + driver.getCurrentUrl() + ", console:");
            for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
                System.err.println("  " + entry);
            }
        } catch (RuntimeException e) {
            System.err.println("  (no browser log: " + e + ")");
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException | UncheckedIOException e) {
            // a temp profile left behind is harmless
        }
    }

    record Raw(String key, TrackingEvent event) {}

    /** Reads the raw-events topic from the beginning and keeps everything it has seen. */
    private static final class RawEvents implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final AvroCodec<TrackingEvent> codec = AvroCodec.of(TrackingEvent.class);
        private final List<Raw> seen = new ArrayList<>();

        RawEvents(LeadStreamConfig config) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(KafkaOptions.BOOTSTRAP_SERVERS));
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
            // Assigned partitions, no group: no rebalance to wait for.
            String topic = TopicNames.from(config).rawEvents();
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        Raw await(String what, Predicate<TrackingEvent> match, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            int checked = 0;
            while (true) {
                for (; checked < seen.size(); checked++) {
                    if (match.test(seen.get(checked).event())) {
                        return seen.get(checked);
                    }
                }
                if (System.nanoTime() > deadline) {
                    return fail("No " + what + " in Kafka within " + timeout + "; seen: " + seen);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(new Raw(record.key(), codec.decode(record.value())));
                }
            }
        }

        List<Raw> seen() {
            return seen;
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
