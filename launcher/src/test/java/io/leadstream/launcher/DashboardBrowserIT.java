package io.leadstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import io.leadstream.common.config.EngineOptions;
import io.leadstream.common.config.GatewayOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.gateway.GatewayServer;
import io.leadstream.stack.HeadlessChromium;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium against the running system with data in it: three visitors
 * (two identified), a segment they are all in, a campaign that sent each of them its first email,
 * that email's counts. Each page is loaded, what it shows is checked, and a screenshot is saved in
 * {@code target/screenshots}. The browser signs in with a read-only token.
 */
@ExtendWith(LeadStreamStackExtension.class)
class DashboardBrowserIT {
    private static final String ADMIN = "dashboard-admin-token";
    private static final String READER = "dashboard-read-token";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path SHOTS = Path.of("target", "screenshots");
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void requireBrowser() {
        HeadlessChromium.require();
    }

    @Test
    void everyPageShowsWhatTheSystemHolds(TestNamespace ns, @TempDir Path profile) throws Exception {
        LeadStreamConfig config = RunningEngine.config(ns, ADMIN).with(GatewayOptions.API_READ_TOKENS, READER);
        try (RunningEngine engine = RunningEngine.start(ns, config, "dashboard");
             GatewayServer gateway = new GatewayServer(config).start();
             CqlSession cql = ns.stack().cassandra().newSession()) {
            engine.awaitRunning();
            String base = gateway.baseUrl();
            HttpResponse<Void> bare = http.send(HttpRequest.newBuilder(URI.create(base + "/dashboard")).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(bare.headers().firstValue("Location")).hasValue("/dashboard/");
            data(config, new GatewayCalls(base, ADMIN), cql, ns.keyspace());

            ChromeDriver browser = HeadlessChromium.start(profile, WAIT, 1360, 1000);
            try {
                Files.createDirectories(SHOTS);
                // Without a token: asked for one. With the read token: the overview.
                browser.get(base + "/dashboard/#/overview");
                shown(browser, "error");
                assertThat(browser.findElement(By.id("page-error")).getText()).contains("Sign in");
                browser.findElement(By.id("token")).sendKeys(READER);
                browser.findElement(By.cssSelector("#token-form button")).click();
                shown(browser, "overview");
                assertThat(text(browser, "overview-contacts")).isEqualTo("3");
                assertThat(text(browser, "overview-identified")).isEqualTo("66.7%");
                assertThat(Long.parseLong(text(browser, "overview-events").replace(",", ""))).isGreaterThanOrEqualTo(3);
                assertThat(browser.findElements(By.cssSelector("#overview-chart"))).hasSize(1);
                screenshot(browser, "overview");

                browser.get(base + "/dashboard/#/contacts/" + URLEncoder.encode("ada@example.com", StandardCharsets.UTF_8));
                shown(browser, "contacts");
                assertThat(text(browser, "contact-identifier")).isEqualTo("ada@example.com");
                String contact = browser.findElement(By.id("page")).getText();
                assertThat(contact).contains("firstname", "Ada", "page_hit", "https://shop.example/pricing", "active", "welcome");
                screenshot(browser, "contacts");

                browser.get(base + "/dashboard/#/segments/active");
                shown(browser, "segments");
                assertThat(browser.findElement(By.cssSelector("table")).getText()).contains("active", "Active visitors", "3");
                assertThat(browser.findElements(By.id("segment-chart"))).hasSize(1);
                screenshot(browser, "segments");

                browser.get(base + "/dashboard/#/campaigns/welcome");
                shown(browser, "campaigns");
                assertThat(browser.findElement(By.id("campaign-funnel")).getText()).contains("Funnel of welcome", "hello", "executed", "3",
                        "(the campaign)", "entered");
                Object funnel = browser.executeScript("return Chart.getChart('campaign-chart').data.datasets[0].data");
                assertThat(funnel).as("entered, then reached the send step").isEqualTo(java.util.List.of(3L, 3L));
                screenshot(browser, "campaigns");

                browser.get(base + "/dashboard/#/emails");
                shown(browser, "emails");
                assertThat(browser.findElement(By.cssSelector("tbody")).getText())
                        .contains("hello", "3", "2", "66.7%", "1", "33.3%", "0.0%");
                screenshot(browser, "emails");
            } finally {
                browser.quit();
            }
        }
    }

    /**
     * Three visitors (Ada and Bob give their address), all active, so all in the segment and the
     * campaign on it; the campaign's email counts as the send workers' results would make them.
     */
    private static void data(LeadStreamConfig config, GatewayCalls api, CqlSession cql, String ks) throws Exception {
        assertThat(api.send("PUT", "/api/v1/segments/active", "{\"name\": \"Active visitors\", \"filters\": "
                + "[{\"kind\": \"last_active\", \"operator\": \"gte\", \"date\": \"-7 days\"}]}").statusCode()).isEqualTo(201);
        assertThat(api.send("PUT", "/api/v1/emails/hello", "{\"name\": \"Hello\", \"type\": \"marketing\", \"from\": \"news@shop.example\","
                + " \"subject\": \"Hello\", \"html\": \"<p>Hello</p>\", \"text\": \"Hello\"}").statusCode()).isEqualTo(201);
        assertThat(api.send("PUT", "/api/v1/campaigns/welcome", "{\"name\": \"Welcome\", \"sources\": {\"segments\": [\"active\"]}, \"events\": "
                + "[{\"id\": \"hello\", \"type\": \"action\", \"kind\": \"send_email\", \"email\": \"hello\"}]}").statusCode()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            api.hit("dashada001", "https://shop.example/pricing", "&email=ada%40example.com&firstname=Ada");
            api.hit("dashbob001", "https://shop.example/", "&email=bob%40example.com");
            api.hit("dashanon01", "https://shop.example/blog", "");
            JsonObject overview = api.get("/api/v1/stats/overview");
            assertThat(overview.getLong("contacts")).isEqualTo(3);
            assertThat(overview.getLong("identified")).isEqualTo(2);
            assertThat(overview.getJsonArray("eventsPerMinute")).isNotEmpty();
            assertThat(api.get("/api/v1/segments/active/contacts").getJsonArray("contacts")).hasSize(3);
            assertThat(api.get("/api/v1/stats/campaigns/welcome").getJsonObject("events").getJsonObject("hello", new JsonObject())
                    .getLong("EXECUTED", 0L)).isEqualTo(3);
        });
        // The site goes quiet for longer than engine.source-idle-timeout: time must not jump ahead (a quiet
        // events input once let the timeless inputs' watermark fire every timer: seven-day segments emptied at once).
        Thread.sleep(config.get(EngineOptions.IDLE_TIMEOUT).toMillis() + 3000);
        assertThat(api.get("/api/v1/segments/active/contacts").getJsonArray("contacts")).as("still active after a quiet spell").hasSize(3);
        cql.execute("INSERT INTO " + ks + ".email_stats (email_id, sent, delivered, opens, unique_opens, clicks, unique_clicks, bounced, unsubscribed, failed)"
                + " VALUES ('hello', 3, 3, 4, 2, 1, 1, 0, 0, 0)");
    }

    private static void shown(ChromeDriver browser, String page) {
        try {
            new WebDriverWait(browser, WAIT).until(d -> page.equals(d.findElement(By.id("page")).getDomAttribute("data-loaded")));
        } catch (RuntimeException e) {
            System.out.println("Page " + browser.getCurrentUrl() + " was:\n" + browser.getPageSource());
            browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).forEach(l -> System.out.println("console: " + l));
            throw e;
        }
    }

    private static String text(ChromeDriver browser, String id) {
        return browser.findElement(By.id(id)).getText().strip();
    }

    private static void screenshot(ChromeDriver browser, String name) throws Exception {
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

}
