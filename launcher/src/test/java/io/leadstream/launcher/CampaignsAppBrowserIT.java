package io.leadstream.launcher;

import static io.leadstream.launcher.AppBrowser.visible;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.email.LinkOptions;
import io.leadstream.gateway.GatewayServer;
import io.leadstream.stack.HeadlessChromium;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.workers.SendWorkers;
import io.leadstream.workers.WorkerOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web app's campaign canvas in headless Chromium against the whole system (gateway, engine,
 * Cassandra, the gateway's dry runs): a marketer sees a campaign's condition with its yes and no
 * paths and the engine's live counts on each event, runs a dry run over the recorded events and
 * sees the same counts and the sends it would make, sets a wait and a send window on the send (a
 * window the API refuses shows on its event), and unpublishes the campaign; then edits the
 * campaign's email (a token inserted at the cursor, previewed as a chosen contact, saved, and sent
 * as a test that arrives at the SMTP server through the send workers), and
 * sees a new segment's live count change with its filter before saving it.
 */
@ExtendWith(LeadStreamStackExtension.class)
class CampaignsAppBrowserIT {
    private static final String TOKEN = "campaigns-app-token";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void requireBrowser() {
        HeadlessChromium.require();
    }

    @Test
    void aMarketerReadsTheCanvasRunsADryRunEditsTimingAndUnpublishes(TestNamespace ns, @TempDir Path dir) throws Exception {
        LeadStreamConfig config = RunningEngine.config(ns, TOKEN)
                .with(LinkOptions.TOKEN_SECRET, "campaigns-app-it-secret-0123456789abcdef")
                .with(WorkerOptions.SMTP_HOST, ns.stack().smtp().host())
                .with(WorkerOptions.SMTP_PORT, ns.stack().smtp().port());
        String domain = ns.keyspace().replace('_', '-') + ".example";
        ChromeDriver browser = null;
        try (RunningEngine engine = RunningEngine.start(ns, config, "campaigns-app");
             GatewayServer gateway = new GatewayServer(config).start();
             SendWorkers workers = SendWorkers.start(config, gateway.baseUrl())) {
            gateway.campaignDryRuns(DryRunJson.runner(config)).segmentPreviews(SegmentPreviewJson.runner(config));
            engine.awaitRunning();
            GatewayCalls api = new GatewayCalls(gateway.baseUrl(), TOKEN);
            define(api);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                api.hit("campada001", "https://shop.example/pricing", "&email=ada%40example.com");
                api.hit("campbob001", "https://shop.example/", "&email=bob%40example.com");
                api.hit("campanon01", "https://shop.example/blog", "");
                JsonObject events = api.get("/api/v1/stats/campaigns/nurture").getJsonObject("events");
                assertThat(events.getJsonObject("hello", new JsonObject()).getLong("EXECUTED", 0L)).isEqualTo(2);
                assertThat(events.getJsonObject("cold", new JsonObject()).getLong("EXECUTED", 0L)).isEqualTo(1);
            });

            Path downloads = java.nio.file.Files.createDirectories(dir.resolve("downloads"));
            browser = HeadlessChromium.start(dir.resolve("profile"), WAIT, 1400, 1000, java.util.List.of(),
                    java.util.Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false));
            AppBrowser.signIn(browser, gateway.baseUrl(), "max", "max-Secret-42");
            visible(browser, "nav-campaigns");
            browser.findElement(By.id("nav-campaigns")).click();
            visible(browser, "campaigns");
            assertThat(browser.findElement(By.id("campaigns")).getText()).contains("Nurture", "published");
            browser.findElement(By.linkText("Nurture")).click();
            visible(browser, "campaign-canvas");

            assertThat(browser.findElement(By.id("campaign-sources")).getText()).contains("segment active");
            assertThat(browser.findElement(By.id("known-yes")).getText()).as("the send hangs on the yes path").contains("hello", "send_email");
            assertThat(browser.findElement(By.id("known-no")).getText()).contains("cold", "tags_add").doesNotContain("send_email");
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("live-hello")).getText().contains("executed 2"));
            assertThat(browser.findElement(By.id("live-cold")).getText()).contains("executed 1");
            assertThat(browser.findElement(By.id("campaign-state")).getText()).isEqualTo("Published");

            browser.findElement(By.id("dry-run")).click();
            new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> !d.findElements(By.id("dry-hello")).isEmpty());
            assertThat(browser.findElement(By.id("dry-hello")).getText()).contains("executed 2", "would send 2");
            assertThat(browser.findElement(By.id("dry-cold")).getText()).contains("executed 1");
            assertThat(browser.findElement(By.id("dry-run-sends")).getText()).contains("would send email hello × 2");
            assertThat(browser.findElement(By.id("campaign-status")).getText()).contains("3 contacts would enter", "Nothing was sent");

            browser.findElement(By.id("edit-hello")).click();
            new Select(browser.findElement(By.id("edit-hello-mode"))).selectByValue("interval");
            setValue(browser, "edit-hello-amount", "2");
            setValue(browser, "edit-hello-from", "09:00");
            setValue(browser, "edit-hello-to", "17:00");
            for (String day : new String[] {"MON", "TUE", "WED", "THU", "FRI"}) {
                browser.findElement(By.id("edit-hello-" + day)).click();
            }
            browser.findElement(By.id("edit-hello-save")).click();
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("campaign-status")).getText().contains("Saved hello"));
            assertThat(browser.findElement(By.id("event-hello")).getText()).contains("after 2 days, in 09:00–17:00 MON TUE WED THU FRI");
            JsonObject stored = api.get("/api/v1/campaigns/nurture").getJsonArray("events").getJsonObject(1);
            assertThat(stored.getJsonObject("timing")).isEqualTo(new JsonObject().put("mode", "interval").put("amount", 2).put("unit", "days"));
            assertThat(stored.getJsonObject("window")).isEqualTo(new JsonObject().put("from", "09:00").put("to", "17:00")
                    .put("days", new io.vertx.core.json.JsonArray().add("MON").add("TUE").add("WED").add("THU").add("FRI")));

            browser.findElement(By.id("edit-cold")).click();
            setValue(browser, "edit-cold-from", "18:00");
            setValue(browser, "edit-cold-to", "09:00");
            browser.findElement(By.id("edit-cold-save")).click();
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("event-cold")).getText().contains("from must be before to"));
            assertThat(browser.findElement(By.id("event-cold")).getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(api.get("/api/v1/campaigns/nurture").getJsonArray("events").getJsonObject(2).containsKey("window"))
                    .as("the refused edit is not stored").isFalse();

            // A step's own properties change in place: the tags the no path adds.
            browser.findElement(By.id("props-cold")).click();
            browser.findElement(By.id("edit-cold")).click();
            assertThat(AppBrowser.unlabelled(browser)).as("the canvas with a step's editors open").isEmpty();
            setValue(browser, "props-cold-tags", "cold, lapsed");
            browser.findElement(By.id("props-cold-save")).click();
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("campaign-status")).getText().contains("Saved cold"));
            assertThat(browser.findElement(By.id("event-cold")).getText()).contains("tags cold, lapsed");
            JsonObject cold = api.get("/api/v1/campaigns/nurture").getJsonArray("events").getJsonObject(2);
            assertThat(cold.getJsonArray("tags")).containsExactly("cold", "lapsed");
            assertThat(cold.getString("kind") + " " + cold.getString("parent") + " " + cold.getString("path")).isEqualTo("tags_add known no");

            browser.findElement(By.id("toggle-publish")).click();
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("campaign-state")).getText().equals("Unpublished"));
            assertThat(api.get("/api/v1/campaigns/nurture").getBoolean("enabled")).isFalse();

            editAnEmail(browser, api, downloads);
            browser.findElement(By.id("test-to")).sendKeys("author@" + domain, Keys.ENTER);
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("test-status")).getText().contains("Test sent to author@" + domain));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(ns.stack().smtp().receivedFor(domain)).hasSize(1));
            assertThat(ns.stack().smtp().receivedFor(domain).get(0).getSubject()).isEqualTo("[Test] Hello");
            countASegmentLive(browser, api);
            readTheDashboard(browser);
        } finally {
            if (browser != null) {
                browser.quit();
            }
        }
    }

    /** The email editor: a token inserted at the cursor, the preview as a chosen contact, the save, the stats chart, a segment send. */
    private static void editAnEmail(ChromeDriver browser, GatewayCalls api, Path downloads) throws Exception {
        browser.findElement(By.id("nav-emails")).click();
        visible(browser, "emails");
        assertThat(browser.findElement(By.id("emails")).getText()).contains("Hello", "marketing");
        browser.findElement(By.id("emails-csv")).click(); // the table as it shows, as a file
        Path csv = downloads.resolve("emails.csv");
        await().atMost(Duration.ofSeconds(10)).until(() -> java.nio.file.Files.exists(csv));
        assertThat(java.nio.file.Files.readAllLines(csv)).first().isEqualTo("Email,Type,Subject,Sent,Opened,Clicked");
        assertThat(java.nio.file.Files.readAllLines(csv)).hasSize(2).last().asString().startsWith("Hello,marketing,Hello,");
        browser.findElement(By.linkText("Hello")).click();
        visible(browser, "email-html");
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.until(d -> !d.findElements(By.id("preview-html")).isEmpty());
        assertThat(AppBrowser.unlabelled(browser)).as("the email editor's controls").isEmpty();

        ((JavascriptExecutor) browser).executeScript( // the cursor just before </p>
                "const t = document.getElementById('email-html'); t.focus(); t.setSelectionRange(t.value.length - 4, t.value.length - 4);");
        new Select(browser.findElement(By.id("token"))).selectByValue("{contactfield=email}");
        browser.findElement(By.id("insert-token")).click();
        wait.until(d -> d.findElement(By.id("email-html")).getAttribute("value").equals("<p>Hello{contactfield=email}</p>"));

        browser.findElement(By.id("preview-address")).sendKeys("ada@example.com", Keys.ENTER);
        wait.until(d -> d.findElement(By.id("preview-who")).getText().equals("As ada@example.com"));
        wait.until(d -> {
            d.switchTo().frame(d.findElement(By.id("preview-html")));
            String shown = d.findElement(By.tagName("body")).getText();
            d.switchTo().defaultContent();
            return shown.equals("Helloada@example.com");
        });
        assertThat(browser.findElement(By.id("preview-html")).getAttribute("sandbox")).as("no script runs in the preview").isEmpty();

        browser.findElement(By.id("save-email")).click();
        wait.until(d -> d.findElement(By.id("email-status")).getText().equals("Saved."));
        assertThat(api.get("/api/v1/emails/hello").getString("html")).isEqualTo("<p>Hello{contactfield=email}</p>");
        Object labels = browser.executeScript("return Chart.getChart('email-chart').data.labels");
        assertThat(labels).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).contains("sent", "uniqueOpens", "uniqueClicks", "bounced");
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript("return !!Chart.getChart('email-daily-chart')"));
        assertThat(browser.executeScript("return Chart.getChart('email-daily-chart').data.labels.length")).isEqualTo(30L);
        assertThat(browser.executeScript("return Chart.getChart('email-daily-chart').data.datasets.map(d => d.label)"))
                .isEqualTo(java.util.List.of("Sent", "Opened", "Clicked", "Bounced", "Unsubscribed"));
        long sent = api.get("/api/v1/stats/emails").getJsonArray("emails").stream().map(JsonObject.class::cast)
                .filter(e -> "hello".equals(e.getString("email"))).findFirst().orElseThrow().getLong("sent");
        assertThat(sent).as("the campaign sent hello").isPositive();
        assertThat(browser.executeScript("return Chart.getChart('email-daily-chart').data.datasets[0].data.reduce((a, b) => a + b, 0)"))
                .as("the days add up to the total").isEqualTo(sent);
        new Select(browser.findElement(By.id("email-days"))).selectByValue("7");
        wait.until(d -> ((Long) ((JavascriptExecutor) d).executeScript("return Chart.getChart('email-daily-chart').data.labels.length")) == 7L);

        // Sent to a segment from its page: ada and bob (the visitor without an address is not queued) had it from the campaign, so
        // the send queues both and the workers suppress both (a marketing email goes once). The progress counts the email's sends:
        // the campaign's two, sent, and these two; then the send is closed.
        browser.findElement(By.id("email-segments")).sendKeys("active");
        browser.findElement(By.id("save-email")).click();
        wait.until(d -> !d.findElements(By.id("start-segment-send")).isEmpty());
        assertThat(api.get("/api/v1/emails/hello").getJsonArray("segments")).containsExactly("active");
        browser.findElement(By.id("start-segment-send")).click();
        new WebDriverWait(browser, Duration.ofSeconds(90)).until(d -> d.findElement(By.id("segment-send-progress")).getText()
                .equals("sending: queued 4 · sent 2 · suppressed 2 · failed 0 · pending 0"));
        browser.findElement(By.id("close-segment-send")).click();
        wait.until(d -> d.findElement(By.id("segment-send-progress")).getText().startsWith("closed:"));
    }

    /** A new segment's count while its filters are built, groups included, before it is saved: two visitors gave an address, one did not. */
    private static void countASegmentLive(ChromeDriver browser, GatewayCalls api) throws Exception {
        browser.findElement(By.id("nav-segments")).click();
        visible(browser, "new-segment");
        browser.findElement(By.id("new-segment")).click();
        browser.findElement(By.id("segment-id")).sendKeys("known");
        browser.findElement(By.id("segment-name")).sendKeys("Known visitors");
        AppBrowser.tabTo(browser, "add-filter", 10); // from the name to "Add a filter" and Enter, by keyboard alone: email not empty
        new org.openqa.selenium.interactions.Actions(browser).sendKeys(Keys.ENTER).perform();
        WebDriverWait slow = new WebDriverWait(browser, Duration.ofSeconds(90));
        slow.until(d -> !d.findElements(By.id("live-count")).isEmpty() && d.findElement(By.id("live-count")).getText().startsWith("2 contacts match"));
        assertThat(browser.findElements(By.cssSelector("#live-sample a"))).hasSize(2);
        new Select(browser.findElement(By.id("filter-0-operator"))).selectByValue("empty");
        slow.until(d -> !d.findElements(By.id("live-count")).isEmpty() && d.findElement(By.id("live-count")).getText().startsWith("1 contact matches"));
        assertThat(browser.findElements(By.id("save-segment"))).as("counted before any save").hasSize(1);

        // email not empty AND (saw pricing OR saw the blog): Ada. Read flat ("and" before "or"), the anonymous blog reader would be in too.
        new Select(browser.findElement(By.id("filter-0-operator"))).selectByValue("not_empty");
        browser.findElement(By.id("add-filter")).click();
        new Select(browser.findElement(By.id("filter-1-kind"))).selectByValue("group");
        new Select(browser.findElement(By.id("filter-1-0-kind"))).selectByValue("behavior");
        browser.findElement(By.id("filter-1-0-url")).sendKeys("*pricing*", Keys.TAB);
        browser.findElement(By.id("add-filter-1")).click();
        new Select(browser.findElement(By.id("filter-1-1-glue"))).selectByValue("or");
        slow.until(d -> !d.findElements(By.id("live-count")).isEmpty() && d.findElement(By.id("live-count")).getText().startsWith("2 contacts match"));
        new Select(browser.findElement(By.id("filter-1-1-kind"))).selectByValue("behavior");
        browser.findElement(By.id("filter-1-1-url")).sendKeys("*blog*", Keys.TAB);
        slow.until(d -> !d.findElements(By.id("live-count")).isEmpty() && d.findElement(By.id("live-count")).getText().startsWith("1 contact matches"));
        assertThat(browser.findElement(By.id("live-sample")).getText()).isEqualTo(api.get("/api/v1/contacts?email=ada%40example.com").getString("id"));
        assertThat(AppBrowser.unlabelled(browser)).as("the segment builder's controls, a group included, are all named").isEmpty();
        browser.findElement(By.id("save-segment")).click();
        new WebDriverWait(browser, WAIT).withMessage(() -> "saving said: " + browser.findElement(By.id("segment-status")).getText())
                .until(d -> d.getCurrentUrl().endsWith("#/segments/known")); // a new segment, once saved, opens at its id
        JsonObject group = api.get("/api/v1/segments/known").getJsonArray("filters").getJsonObject(1);
        assertThat(group.getString("kind")).isEqualTo("group");
        assertThat(group.getJsonArray("filters").getJsonObject(1).getString("glue")).isEqualTo("or");
    }

    /** The dashboard: the contacts and events over a chosen range, the campaign's funnel, the email's rates. */
    private static void readTheDashboard(ChromeDriver browser) {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        browser.findElement(By.id("nav-home")).click();
        wait.until(d -> !d.findElements(By.id("overview-figures")).isEmpty());
        assertThat(browser.findElement(By.id("overview-figures")).getText()).startsWith("3 contacts, 66.7% identified").contains("last hour, per minute");
        assertThat(AppBrowser.unlabelled(browser)).as("the dashboard's controls").isEmpty();
        new Select(browser.findElement(By.id("range"))).selectByVisibleText("last 7 days");
        wait.until(d -> d.findElement(By.id("overview-figures")).getText().contains("last 7 days, per hour"));
        new Select(browser.findElement(By.id("funnel-campaign"))).selectByValue("nurture");
        wait.until(d -> d.findElement(By.id("funnel")).getText().contains("hello 2"));
        assertThat(browser.findElement(By.id("funnel")).getText()).contains("entered 3", "known 3", "cold 1");
        Object funnel = browser.executeScript("return Chart.getChart('funnel-chart').data.datasets[0].data");
        assertThat(funnel).isEqualTo(java.util.List.of(3L, 3L, 2L, 1L));
        assertThat(browser.findElement(By.id("email-rates-table")).getText()).contains("hello");
    }

    private static void define(GatewayCalls api) throws Exception {
        assertThat(api.send("POST", "/api/v1/users", """
                {"username": "max", "password": "max-Secret-42", "role": "marketer"}""").statusCode()).isEqualTo(201);
        assertThat(api.send("PUT", "/api/v1/segments/active", """
                {"name": "Active visitors", "filters": [{"kind": "last_active", "operator": "gte", "date": "-7 days"}]}""").statusCode())
                .isEqualTo(201);
        assertThat(api.send("PUT", "/api/v1/emails/hello", """
                {"name": "Hello", "type": "marketing", "from": "news@shop.example", "subject": "Hello", "html": "<p>Hello</p>", "text": "Hello"}""")
                .statusCode()).isEqualTo(201);
        var campaign = api.send("PUT", "/api/v1/campaigns/nurture", """
                {"name": "Nurture", "sources": {"segments": ["active"]}, "events": [
                  {"id": "known", "type": "condition", "kind": "field", "field": "email", "operator": "not_empty"},
                  {"id": "hello", "type": "action", "kind": "send_email", "email": "hello", "parent": "known", "path": "yes"},
                  {"id": "cold", "type": "action", "kind": "tags_add", "tags": ["cold"], "parent": "known", "path": "no"}]}""");
        assertThat(campaign.statusCode()).as(campaign.body()).isEqualTo(201);
    }

    /** Sets an input's value as typing would end (time pickers take typed keys by locale, which a test should not depend on). */
    private static void setValue(WebDriver browser, String id, String value) {
        ((JavascriptExecutor) browser).executeScript(
                "const e = document.getElementById(arguments[0]); e.value = arguments[1]; e.dispatchEvent(new Event('input', {bubbles: true}));",
                id, value);
    }
}
