package io.leadstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.gateway.GatewayServer;
import io.leadstream.jobs.EngineOptions;
import io.leadstream.stack.HeadlessChromium;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web app's reports in headless Chromium against the running system with data in it: three
 * visitors (two identified), a segment they are all in, a campaign that ran its send step for each of
 * them, that email's counts. An analyst (read-only) signs in and reads the dashboard, a contact, the
 * segment and the email; what each shows is checked, and a screenshot saved in
 * {@code target/screenshots}. The token-based /dashboard this replaced is gone.
 */
@ExtendWith(LeadStreamStackExtension.class)
class DashboardBrowserIT {
    private static final String ADMIN = "dashboard-admin-token";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path SHOTS = Path.of("target", "screenshots");
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void requireBrowser() {
        HeadlessChromium.require();
    }

    @Test
    void anAnalystReadsWhatTheSystemHolds(TestNamespace ns, @TempDir Path profile) throws Exception {
        LeadStreamConfig config = RunningEngine.config(ns, ADMIN);
        try (RunningEngine engine = RunningEngine.start(ns, config, "dashboard");
             GatewayServer gateway = new GatewayServer(config).start();
             CqlSession cql = ns.stack().cassandra().newSession()) {
            engine.awaitRunning();
            String base = gateway.baseUrl();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/dashboard/")).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode()).as("the old token dashboard is gone").isEqualTo(404);
            GatewayCalls api = new GatewayCalls(base, ADMIN);
            data(config, api, cql, ns.keyspace());
            assertThat(api.send("POST", "/api/v1/users", """
                    {"username": "ana", "password": "ana-Secret-42", "role": "analyst"}""").statusCode()).isEqualTo(201);
            String ada = api.get("/api/v1/contacts?email=ada%40example.com").getString("id");

            ChromeDriver browser = HeadlessChromium.start(profile, WAIT, 1360, 1000);
            try {
                Files.createDirectories(SHOTS);
                WebDriverWait wait = new WebDriverWait(browser, WAIT);
                AppBrowser.signIn(browser, base, "ana", "ana-Secret-42");
                wait.until(d -> !d.findElements(By.id("overview-figures")).isEmpty());
                assertThat(text(browser, "overview-figures")).startsWith("3 contacts, 66.7% identified");
                long events = Long.parseLong(text(browser, "overview-figures").replaceAll(".*identified; ([0-9,]+) events.*", "$1").replace(",", ""));
                assertThat(events).isGreaterThanOrEqualTo(3);
                assertThat(browser.findElements(By.id("activity-chart"))).hasSize(1);
                wait.until(d -> d.findElement(By.id("funnel")).getText().contains("hello"));
                assertThat(browser.findElement(By.id("funnel")).getText()).contains("entered", "3", "hello", "100");
                Object funnel = browser.executeScript("return Chart.getChart('funnel-chart').data.datasets[0].data");
                assertThat(funnel).as("entered, then reached the send step").isEqualTo(java.util.List.of(3L, 3L));
                wait.until(d -> d.findElement(By.id("email-rates-table")).getText().contains("hello"));
                assertThat(browser.findElement(By.cssSelector("#email-rates-table tbody")).getText()).contains("hello", "3", "66.7%", "33.3%", "0.0%");
                screenshot(browser, "dashboard");

                browser.get(base + "/app/#/contacts/" + ada);
                wait.until(d -> !d.findElements(By.id("contact-campaigns")).isEmpty() && !d.findElements(By.cssSelector("#timeline tbody tr")).isEmpty());
                assertThat(browser.findElement(By.id("contact-fields")).getText()).contains("firstname", "Ada");
                assertThat(browser.findElement(By.id("timeline")).getText()).contains("page_hit", "https://shop.example/pricing");
                wait.until(d -> d.findElement(By.id("contact-segments")).getText().contains("Active visitors"));
                assertThat(browser.findElement(By.id("contact-campaigns")).getText()).contains("welcome", "hello");
                assertThat(browser.findElements(By.id("erase-contact"))).as("an analyst has no write controls").isEmpty();
                screenshot(browser, "contact");

                browser.get(base + "/app/#/segments/active");
                wait.until(d -> d.findElements(By.cssSelector("#members li")).size() == 3);
                wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript("return !!Chart.getChart('history')"));
                Object entered = browser.executeScript("return Chart.getChart('history').data.datasets[0].data.reduce((a, b) => a + b, 0)");
                assertThat(entered).as("30 days of entries: the three visitors").isEqualTo(3L);
                screenshot(browser, "segment");

                browser.get(base + "/app/#/emails");
                wait.until(d -> d.findElement(By.id("emails")).getText().contains("Hello"));
                assertThat(browser.findElement(By.id("emails")).getText()).contains("Hello", "marketing", "3", "66.7%", "33.3%");
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

    private static String text(ChromeDriver browser, String id) {
        return browser.findElement(By.id(id)).getText().strip();
    }

    private static void screenshot(ChromeDriver browser, String name) throws Exception {
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

}
