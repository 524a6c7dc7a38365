package io.leadstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static io.leadstream.launcher.AppBrowser.visible;
import static org.awaitility.Awaitility.await;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.gateway.GatewayServer;
import io.leadstream.stack.HeadlessChromium;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web app's form builder in headless Chromium against the whole system (gateway, engine,
 * Cassandra): a marketer builds a form with a select, a field mapped to another contact field and
 * one mapped to none (a duplicate alias is refused on its row first), copies its embed code, and
 * on the Points page scores the form in a group with a trigger that tags; a visitor fills the
 * embedded form; the result shows in the app, in the CSV download, and on the contact as the
 * mapping, the point action and the trigger say. Before the visitor comes, the marketer builds a
 * campaign on the canvas (the form as source, an email, a decision "opens it" whose no path runs
 * after a wait), dry-runs and publishes it; the visitor's submission then moves its counts.
 */
@ExtendWith(LeadStreamStackExtension.class)
class FormsAppBrowserIT {
    private static final String TOKEN = "forms-app-token";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void requireBrowser() {
        HeadlessChromium.require();
    }

    @Test
    void aMarketerBuildsAFormAVisitorFillsItAndTheResultsShow(TestNamespace ns, @TempDir Path dir) throws Exception {
        LeadStreamConfig config = RunningEngine.config(ns, TOKEN);
        String email = "lea@" + ns.keyspace().replace('_', '-') + ".example";
        ChromeDriver browser = null;
        try (RunningEngine engine = RunningEngine.start(ns, config, "forms-app");
             GatewayServer gateway = new GatewayServer(config).start()) {
            gateway.campaignDryRuns(DryRunJson.runner(config));
            engine.awaitRunning();
            GatewayCalls api = new GatewayCalls(gateway.baseUrl(), TOKEN);
            assertThat(api.send("POST", "/api/v1/users", """
                    {"username": "ines", "password": "ines-Secret-42", "role": "marketer"}""").statusCode()).isEqualTo(201);

            browser = HeadlessChromium.start(dir.resolve("profile"), WAIT, 1400, 1000);
            WebDriverWait wait = new WebDriverWait(browser, WAIT);
            AppBrowser.signIn(browser, gateway.baseUrl(), "ines", "ines-Secret-42");
            visible(browser, "nav-forms");
            browser.findElement(By.id("nav-forms")).click();
            visible(browser, "new-form");
            browser.findElement(By.id("new-form")).click();
            visible(browser, "form-builder");
            browser.findElement(By.id("form-id")).sendKeys("demo");
            browser.findElement(By.id("form-name")).sendKeys("Demo request");
            browser.findElement(By.id("form-message")).sendKeys("Thanks, we will call you.");

            addField(browser, 1, "plan", "Plan");
            new Select(browser.findElement(By.id("field-1-type"))).selectByValue("select");
            WebElement options = browser.findElement(By.id("field-1-options"));
            options.sendKeys(Keys.chord(Keys.CONTROL, "a"), "starter\npro|Pro plan");
            addField(browser, 2, "org", "Organisation");
            new Select(browser.findElement(By.id("field-2-maps"))).selectByValue("company");
            addField(browser, 3, "note", "Note");
            new Select(browser.findElement(By.id("field-3-type"))).selectByValue("textarea");
            new Select(browser.findElement(By.id("field-3-maps"))).selectByValue("-");
            addField(browser, 4, "cv", "Your CV");
            new Select(browser.findElement(By.id("field-4-type"))).selectByValue("file");
            WebElement extensions = browser.findElement(By.id("field-4-extensions"));
            extensions.sendKeys(Keys.chord(Keys.CONTROL, "a"), "pdf, DOCX");
            WebElement size = browser.findElement(By.id("field-4-max-size"));
            size.sendKeys(Keys.chord(Keys.CONTROL, "a"), "3");
            assertThat(browser.findElements(By.id("field-4-maps"))).as("a file is nobody's contact field").isEmpty();
            addField(browser, 5, "email", "Email again");
            // What a submission does of itself: a tag (the send_email left without its email is refused where it is).
            browser.findElement(By.id("add-action")).click();
            new Select(browser.findElement(By.id("action-0-type"))).selectByValue("tags_add");
            browser.findElement(By.id("action-0-tags")).sendKeys("demo-requested");
            browser.findElement(By.id("add-action")).click();
            new Select(browser.findElement(By.id("action-1-type"))).selectByValue("send_email");

            browser.findElement(By.id("save-form")).click();
            wait.until(d -> "true".equals(d.findElement(By.id("form-action-1")).getAttribute("aria-invalid")));
            assertThat(browser.findElement(By.id("form-action-1")).getText()).contains("email");
            browser.findElement(By.id("action-1-remove")).click();
            browser.findElement(By.id("save-form")).click();
            wait.until(d -> d.findElement(By.id("form-field-5")).getText().contains("duplicate \"email\""));
            assertThat(browser.findElement(By.id("form-field-5")).getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(api.find("/api/v1/forms/demo")).as("nothing stored").isNull();
            browser.findElement(By.id("field-5-remove")).click();
            browser.findElement(By.id("save-form")).click();
            wait.until(d -> d.getCurrentUrl().endsWith("#/forms/demo"));
            visible(browser, "embed-html");
            wait.until(d -> d.findElement(By.id("embed-html")).getAttribute("value").contains("mauticform[plan]"));
            assertThat(AppBrowser.unlabelled(browser)).as("the form builder's controls").isEmpty();
            assertThat(browser.findElement(By.id("embed-html")).getAttribute("value")).contains("<option value=\"pro\">Pro plan</option>", "<textarea");
            assertThat(browser.findElement(By.id("embed-script")).getAttribute("value")).contains("/form/generate.js?id=demo");
            JsonObject stored = api.get("/api/v1/forms/demo");
            assertThat(stored.getJsonArray("fields").getJsonObject(2).getString("contactField")).isEqualTo("company");
            assertThat(stored.getJsonArray("fields").getJsonObject(3).containsKey("contactField")).isTrue();
            assertThat(stored.getJsonArray("fields").getJsonObject(3).getString("contactField")).isNull();
            assertThat(stored.getJsonArray("actions").encode()).isEqualTo("[{\"type\":\"tags_add\",\"tags\":[\"demo-requested\"]}]");
            JsonObject cv = stored.getJsonArray("fields").getJsonObject(4);
            assertThat(cv.getString("type")).isEqualTo("file");
            assertThat(cv.getInteger("maxSizeMb")).isEqualTo(3);
            assertThat(cv.getJsonArray("extensions").getList()).containsExactly("pdf", "docx");
            assertThat(cv.containsKey("contactField")).as("a file is nobody's contact field").isFalse();
            assertThat(browser.findElement(By.id("embed-html")).getAttribute("value")).contains("type=\"file\"", "accept=\".pdf,.docx\"");

            String app = browser.getCurrentUrl();
            scoreTheFormInPoints(browser);
            assertThat(api.send("PUT", "/api/v1/emails/welcome", """
                    {"name": "Welcome", "type": "marketing", "from": "news@shop.example", "subject": "Welcome", "html": "<p>Hi</p>", "text": "Hi"}""")
                    .statusCode()).isEqualTo(201);
            buildACampaignOnTheCanvas(browser);

            // A visitor fills the embedded form (the iframe code's page).
            browser.get(gateway.baseUrl() + "/form/embed/demo");
            browser.findElement(By.id("mauticform_input_email")).sendKeys(email);
            new Select(browser.findElement(By.id("mauticform_input_plan"))).selectByVisibleText("Pro plan");
            browser.findElement(By.id("mauticform_input_org")).sendKeys("Acme");
            browser.findElement(By.id("mauticform_input_note")).sendKeys("Call me on Monday");
            browser.findElement(By.name("mauticform[submit]")).click();
            wait.until(d -> d.getPageSource().contains("Thanks, we will call you."));

            browser.get(app);
            WebDriver b = browser;
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                b.navigate().refresh();
                visible(b, "form-results");
                assertThat(b.findElement(By.id("form-results")).getText()).contains(email, "pro", "Acme", "Call me on Monday");
            });
            HttpResponse<String> csv = api.send("GET", "/api/v1/forms/demo/submissions?format=csv", null);
            assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
            List<String> lines = csv.body().lines().toList();
            assertThat(lines.get(0)).isEqualTo("submitted_at,contact_id,page_url,email,plan,org,note,cv");
            assertThat(lines).hasSize(2);
            assertThat(lines.get(1)).as("no file sent: an empty cv").endsWith("," + email + ",pro,Acme,Call me on Monday,");
            assertThat(browser.findElement(By.id("results-csv")).getAttribute("href")).endsWith("/api/v1/forms/demo/submissions?format=csv");

            // The published campaign's canvas counts move without a reload: the submission entered it and its email went.
            browser.get(gateway.baseUrl() + "/app/#/campaigns/followup");
            new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> !d.findElements(By.id("live-thanks")).isEmpty()
                    && d.findElement(By.id("live-thanks")).getText().contains("executed 1"));

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> api.contactByEmail(email), c -> c != null && "Acme".equals(c.getJsonObject("fields").getString("company")));
            JsonObject fields = api.contactByEmail(email).getJsonObject("fields");
            assertThat(fields.getString("org")).as("org set company, not a field of its own").isNull();
            assertThat(fields.getString("note")).as("mapped to none").isNull();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                JsonObject contact = api.contactByEmail(email);
                assertThat(contact.getJsonObject("pointsByGroup").getInteger("demo-interest")).as("the app's point action").isEqualTo(25);
                assertThat(contact.getJsonArray("tags")).as("the app's trigger at 20, and the form's own action").contains("sales-ready", "demo-requested");
            });
        } finally {
            if (browser != null) {
                browser.quit();
            }
        }
    }

    /** On the Points page: a group, 25 points in it for submitting the form, and a trigger at 20 that tags (refused first without a tag). */
    private static void scoreTheFormInPoints(WebDriver browser) {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        browser.findElement(By.id("nav-points")).click();
        visible(browser, "new-point-groups");
        browser.findElement(By.id("new-point-groups")).click();
        browser.findElement(By.id("point-groups-id")).sendKeys("demo-interest");
        browser.findElement(By.id("point-groups-name")).sendKeys("Demo interest");
        browser.findElement(By.id("point-groups-save")).click();
        wait.until(d -> d.findElement(By.id("point-groups-status")).getText().equals("Saved demo-interest."));

        browser.findElement(By.id("new-point-actions")).click();
        browser.findElement(By.id("point-actions-id")).sendKeys("demo-form");
        browser.findElement(By.id("point-actions-name")).sendKeys("Demo form");
        new Select(browser.findElement(By.id("action-type"))).selectByValue("form_submit");
        browser.findElement(By.id("action-points")).sendKeys(Keys.chord(Keys.CONTROL, "a"), "25");
        wait.until(d -> !new Select(d.findElement(By.id("action-group"))).getOptions().stream()
                .filter(o -> o.getAttribute("value").equals("demo-interest")).toList().isEmpty());
        new Select(browser.findElement(By.id("action-group"))).selectByValue("demo-interest");
        new Select(browser.findElement(By.id("action-form"))).selectByValue("demo");
        browser.findElement(By.id("point-actions-save")).click();
        wait.until(d -> d.findElement(By.id("point-actions-status")).getText().equals("Saved demo-form."));
        assertThat(browser.findElement(By.id("point-actions")).getText()).contains("+25 on form_submit to demo-interest, once");

        browser.findElement(By.id("new-point-triggers")).click();
        browser.findElement(By.id("point-triggers-id")).sendKeys("ready");
        browser.findElement(By.id("point-triggers-name")).sendKeys("Sales ready");
        browser.findElement(By.id("trigger-threshold")).sendKeys(Keys.chord(Keys.CONTROL, "a"), "20");
        new Select(browser.findElement(By.id("trigger-group"))).selectByValue("demo-interest");
        browser.findElement(By.id("point-triggers-save")).click();
        wait.until(d -> d.findElement(By.id("trigger-action-0-tags")).getAttribute("aria-invalid") != null);
        browser.findElement(By.id("trigger-action-0-tags")).sendKeys("sales-ready");
        browser.findElement(By.id("point-triggers-save")).click();
        wait.until(d -> d.findElement(By.id("point-triggers-status")).getText().equals("Saved ready."));
        assertThat(AppBrowser.unlabelled(browser)).as("the points pages' controls").isEmpty();
        assertThat(browser.findElement(By.id("point-triggers")).getText()).contains("at 20 in demo-interest: tags_add sales-ready");
    }

    /**
     * The issue's campaign, built on the canvas: the form as source, send an email, a decision "opens
     * the email" whose no path runs after two days and tags; then a dry run and publishing.
     */
    private static void buildACampaignOnTheCanvas(WebDriver browser) {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        browser.findElement(By.id("nav-campaigns")).click();
        visible(browser, "new-campaign");
        browser.findElement(By.id("new-campaign")).click();
        visible(browser, "campaign-id");
        browser.findElement(By.id("campaign-id")).sendKeys("followup");
        browser.findElement(By.id("campaign-name")).sendKeys("Follow-up");
        browser.findElement(By.id("change-sources")).click();
        wait.until(d -> !d.findElements(By.id("source-forms-demo")).isEmpty());
        browser.findElement(By.id("source-forms-demo")).click();
        browser.findElement(By.id("sources-save")).click();
        wait.until(d -> d.findElement(By.id("campaign-sources")).getText().contains("form demo"));

        browser.findElement(By.id("add-root-next-open")).click();
        step(browser, "root-next", "thanks", "action", "send_email");
        new Select(browser.findElement(By.id("add-root-next-email"))).selectByValue("welcome");
        browser.findElement(By.id("add-root-next-save")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("#/campaigns/followup"));
        visible(browser, "event-thanks");
        assertThat(browser.findElement(By.id("campaign-state")).getText()).as("built before it runs").isEqualTo("Unpublished");

        browser.findElement(By.id("add-thanks-next-open")).click();
        step(browser, "thanks-next", "opened", "decision", "email_opened");
        new Select(browser.findElement(By.id("add-thanks-next-email"))).selectByValue("welcome");
        browser.findElement(By.id("add-thanks-next-timeout")).sendKeys(Keys.chord(Keys.CONTROL, "a"), "2");
        browser.findElement(By.id("add-thanks-next-save")).click();
        visible(browser, "event-opened");

        browser.findElement(By.id("add-opened-no-open")).click();
        step(browser, "opened-no", "cold", "action", "tags_add");
        browser.findElement(By.id("add-opened-no-tags")).sendKeys("cold-lead");
        browser.findElement(By.id("add-opened-no-save")).click();
        visible(browser, "event-cold");
        assertThat(browser.findElement(By.id("opened-no")).getText()).contains("cold", "tags_add");
        assertThat(browser.findElement(By.id("event-opened")).getText()).contains("no path after 2 days");

        browser.findElement(By.id("dry-run")).click();
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> d.findElement(By.id("campaign-status")).getText().contains("Nothing was sent"));
        assertThat(browser.findElement(By.id("campaign-status")).getText()).as("nobody has submitted the form yet").contains("0 contacts would enter");
        browser.findElement(By.id("toggle-publish")).click();
        wait.until(d -> d.findElement(By.id("campaign-state")).getText().equals("Published"));
    }

    private static void step(WebDriver browser, String at, String id, String type, String kind) {
        WebElement idInput = browser.findElement(By.id("add-" + at + "-id"));
        idInput.sendKeys(Keys.chord(Keys.CONTROL, "a"), id);
        new Select(browser.findElement(By.id("add-" + at + "-type"))).selectByValue(type);
        new Select(browser.findElement(By.id("add-" + at + "-kind"))).selectByValue(kind);
    }

    private static void addField(WebDriver browser, int row, String alias, String label) {
        browser.findElement(By.id("add-field")).click();
        new WebDriverWait(browser, WAIT).until(d -> !d.findElements(By.id("field-" + row + "-alias")).isEmpty());
        browser.findElement(By.id("field-" + row + "-alias")).sendKeys(alias);
        browser.findElement(By.id("field-" + row + "-label")).sendKeys(label);
    }
}
