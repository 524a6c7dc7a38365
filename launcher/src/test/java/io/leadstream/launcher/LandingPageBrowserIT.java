package io.leadstream.launcher;

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
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A landing page with an embedded form, in headless Chromium, against the whole system (gateway,
 * engine, Cassandra, send workers, SMTP). A marketer builds the page in the app. The view is the contact's page hit; the submission runs
 * the form's actions without a campaign (segment, points in total and in a group, tag, field, an email to the
 * contact and a notification to sales, both received by the SMTP server); the contact shows the
 * changes. The form has two pages (shown one at a time by its script, the only one the page's policy
 * lets run) and a CAPTCHA. On the second visit the page greets the contact by name and its form,
 * progressive, no longer asks what is known (its first page, now empty, is gone).
 */
@ExtendWith(LeadStreamStackExtension.class)
class LandingPageBrowserIT {
    private static final String TOKEN = "landing-page-token";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @BeforeAll
    static void requireBrowser() {
        HeadlessChromium.require();
    }

    @Test
    void aVisitorSignsUpOnALandingPageAndTheFormsActionsRun(TestNamespace ns, @TempDir Path dir) throws Exception {
        String domain = ns.keyspace().replace('_', '-') + ".example";
        LeadStreamConfig config = RunningEngine.config(ns, TOKEN)
                .with(LinkOptions.TOKEN_SECRET, "landing-page-it-secret-0123456789abcdef")
                .with(WorkerOptions.SMTP_HOST, ns.stack().smtp().host())
                .with(WorkerOptions.SMTP_PORT, ns.stack().smtp().port())
                .with(WorkerOptions.SCAN_INTERVAL, Duration.ofMinutes(10))
                .with(WorkerOptions.LOOKBACK, Duration.ofMinutes(10));
        ChromeDriver browser = null;
        try (RunningEngine engine = RunningEngine.start(ns, config, "landing-page");
             GatewayServer gateway = new GatewayServer(config).start();
             SendWorkers workers = SendWorkers.start(config, gateway.baseUrl())) {
            engine.awaitRunning();
            GatewayCalls api = new GatewayCalls(gateway.baseUrl(), TOKEN);
            define(api, domain);

            browser = HeadlessChromium.start(dir.resolve("profile"), WAIT, 1400, 1000, List.of(), java.util.Map.of());
            buildInTheApp(browser, api, gateway.baseUrl());
            String pageUrl = gateway.baseUrl() + "/spring-offer";
            browser.get(pageUrl);
            assertThat(browser.getTitle()).isEqualTo("Spring offer");
            assertThat(browser.findElement(By.id("greeting")).getText()).isEqualTo("Hello there");
            String address = "grace@" + domain;
            // Two pages: the second shows after Next, which first wants the first page's required address.
            assertThat(browser.findElement(By.id("mauticform_input_company")).isDisplayed()).as("page 2 waits").isFalse();
            browser.findElement(By.cssSelector("form#mauticform_offer .mauticform-pagebreak")).click();
            assertThat(browser.findElement(By.id("mauticform_input_company")).isDisplayed()).as("the address is required first").isFalse();
            browser.findElement(By.id("mauticform_input_email")).sendKeys(address);
            browser.findElement(By.id("mauticform_input_firstname")).sendKeys("Grace");
            browser.findElement(By.cssSelector("form#mauticform_offer .mauticform-pagebreak")).click();
            assertThat(browser.findElement(By.id("mauticform_input_company")).isDisplayed()).isTrue();
            assertThat(browser.findElement(By.id("mauticform_input_email")).isDisplayed()).isFalse();
            assertThat(browser.findElement(By.cssSelector("label[for=mauticform_input_human]")).getText()).isEqualTo("What is 3 + 4?");
            browser.findElement(By.id("mauticform_input_human")).sendKeys("7");
            browser.findElement(By.cssSelector("form#mauticform_offer button[type=submit]")).click();
            new WebDriverWait(browser, WAIT).until(d -> d.findElements(By.cssSelector(".mauticform-message")).size() == 1);
            assertThat(browser.findElement(By.cssSelector(".mauticform-message")).getText()).isEqualTo("Thanks, we will be in touch");

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                assertThat(to(ns, domain, address)).extracting(MimeMessage::getSubject).containsExactly("Your spring offer, Grace");
                assertThat(to(ns, domain, "sales@" + domain)).extracting(MimeMessage::getSubject).containsExactly("Landing page lead: " + address);
                JsonObject contact = api.contactByEmail(address);
                assertThat(contact).isNotNull();
                assertThat(contact.getJsonObject("fields").getString("lifecycle")).isEqualTo("lead");
                assertThat(contact.getJsonObject("fields").getString("firstname")).isEqualTo("Grace");
                assertThat(contact.getJsonArray("tags").getList()).containsExactly("spring-lead");
                assertThat(contact.getInteger("points")).as("a group's points are the group's alone").isEqualTo(10);
                assertThat(contact.getJsonObject("pointsByGroup").getInteger("spring")).isEqualTo(15);
                assertThat(api.get("/api/v1/contacts/" + contact.getString("id") + "/segments").encode()).contains("\"spring-leads\"");
                List<String> timeline = api.get("/api/v1/contacts/" + contact.getString("id") + "/timeline").getJsonArray("events").stream()
                        .map(e -> ((JsonObject) e).getString("kind") + " " + java.util.Objects.toString(((JsonObject) e).getString("url"), "")).toList();
                assertThat(timeline).as("the view, tracked by the page's pixel, and the submission")
                        .contains("page_hit " + pageUrl, "form_submission ");
            });

            // The second visit: the page knows the contact, and the form asks only what it does not know.
            browser.get(pageUrl);
            assertThat(browser.findElement(By.id("greeting")).getText()).isEqualTo("Hello Grace");
            List<String> asked = browser.findElements(By.cssSelector("form#mauticform_offer .mauticform-row input")).stream()
                    .map((WebElement i) -> i.getAttribute("name")).toList();
            assertThat(asked).as("the known fields are not asked again; the question always is").containsExactly("mauticform[company]", "mauticform[human]");

            // Leaving a page sends its time on it (both visits), from the page's own script under its policy.
            browser.get("about:blank");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                JsonObject stats = api.get("/api/v1/pages/spring/stats");
                assertThat(stats.getLong("dwells")).isEqualTo(2L);
                // The first visit filled in a form, the second left at once: on a fast machine the two average out at 0.5 s.
                assertThat(stats.getDouble("averageDwellSeconds")).as("the first visit filled in a form").isPositive();
            });
        } finally {
            if (browser != null) {
                browser.quit();
            }
        }
    }

    /**
     * A marketer builds the page in the app: its settings, the HTML typed and the form's token inserted
     * from the token list, the preview (cleaned: the script typed in is not there), then saved.
     */
    private static void buildInTheApp(ChromeDriver browser, GatewayCalls api, String baseUrl) throws Exception {
        assertThat(api.send("POST", "/api/v1/users", """
                {"username": "paula", "password": "paula-Secret-42", "role": "marketer"}""").statusCode()).isEqualTo(201);
        AppBrowser.signIn(browser, baseUrl, "paula", "paula-Secret-42");
        browser.findElement(By.id("nav-pages")).click();
        AppBrowser.visible(browser, "new-page");
        browser.findElement(By.id("new-page")).click();
        AppBrowser.visible(browser, "page-form");
        browser.findElement(By.id("page-id")).sendKeys("spring");
        browser.findElement(By.id("page-title")).sendKeys("Spring offer");
        browser.findElement(By.id("page-alias")).sendKeys("spring-offer");
        WebElement content = browser.findElement(By.id("page-content"));
        content.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), org.openqa.selenium.Keys.DELETE);
        content.sendKeys("<h1>Spring offer</h1><p id='greeting'>Hello {contactfield=firstname|there}</p><script>steal()</script>");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("page-token"))).selectByValue("{form=offer}");
        browser.findElement(By.id("insert-page-token")).click();
        assertThat(content.getAttribute("value")).endsWith("</script>{form=offer}");
        new WebDriverWait(browser, WAIT).until(d -> {
            String preview = d.findElement(By.id("page-preview")).getAttribute("srcdoc");
            return preview != null && preview.contains("mauticform_offer");
        });
        assertThat(browser.findElement(By.id("page-preview")).getAttribute("srcdoc")).as("the preview is the cleaned page")
                .contains("Hello there").doesNotContain("steal()").doesNotContain("mtracking.gif");
        assertThat(AppBrowser.unlabelled(browser)).as("controls nothing names").isEmpty();
        assertThat((List<?>) browser.executeScript("return [...document.querySelectorAll('#page-form :invalid')].map((e) => e.id + ': ' + e.validationMessage);"))
                .as("inputs the browser refuses").isEmpty();
        browser.findElement(By.id("save-page")).click();
        // Saved, a new page's editor opens at its id.
        new WebDriverWait(browser, WAIT).until(d -> d.getCurrentUrl().endsWith("#/pages/spring") && !d.findElements(By.id("page-address")).isEmpty());
        assertThat(browser.findElement(By.id("page-address")).getAttribute("href")).isEqualTo(baseUrl + "/spring-offer");
        assertThat(api.get("/api/v1/pages/spring").getString("alias")).isEqualTo("spring-offer");
        browser.findElement(By.id("sign-out")).click();
        AppBrowser.visible(browser, "sign-in-form");
    }

    /** The form and what its actions name; done when the engine has them all (the last segment's backfill). */
    private static void define(GatewayCalls api, String domain) throws Exception {
        api.define("fields", "lifecycle", """
                {"label": "Lifecycle", "type": "text"}""");
        api.define("point-groups", "spring", """
                {"name": "Spring campaign"}""");
        api.define("emails", "spring-welcome", """
                {"name": "Spring welcome", "type": "transactional", "from": "news@shop.example", "subject": "Your spring offer, {contactfield=firstname|friend}",
                 "html": "<p>Here is your offer.</p>", "text": "Here is your offer."}""");
        api.define("emails", "spring-notice", """
                {"name": "Spring notice", "type": "transactional", "from": "forms@shop.example", "subject": "Landing page lead: {contactfield=email}",
                 "html": "{formresults}", "text": "{formresults}"}""");
        api.define("segments", "spring-leads", """
                {"name": "Spring leads", "filters": [{"kind": "points", "operator": "gte", "value": 100000}]}""");
        api.define("forms", "offer", """
                {"name": "Offer", "message": "Thanks, we will be in touch", "fields": [
                   {"alias": "email", "type": "email", "required": true, "showWhenValueExists": false},
                   {"alias": "firstname", "showWhenValueExists": false}, {"alias": "step2", "type": "pagebreak", "label": "Next"},
                   {"alias": "company"},
                   {"alias": "human", "type": "captcha", "label": "What is 3 + 4?", "answer": "7"}],
                 "actions": [
                   {"type": "segment_add", "segment": "spring-leads"},
                   {"type": "adjust_points", "points": 10},
                   {"type": "adjust_points", "points": 15, "group": "spring"},
                   {"type": "tags_add", "tags": ["spring-lead"]},
                   {"type": "update_field", "field": "lifecycle", "value": "lead"},
                   {"type": "send_email", "email": "spring-welcome"},
                   {"type": "notify", "email": "spring-notice", "to": ["sales@%s"]}]}""".formatted(domain));
        long revision = api.define("segments", "spring-visitors", """
                {"name": "Spring visitors", "filters": [{"kind": "tags", "operator": "any", "tags": ["spring-lead"]}]}""");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> api.find("/api/v1/segments/spring-visitors/backfill"),
                b -> b != null && b.getLong("revision") == revision && b.getBoolean("done"));
    }

    private static List<MimeMessage> to(TestNamespace ns, String domain, String address) throws Exception {
        return ns.stack().smtp().receivedBy(domain, address);
    }
}
