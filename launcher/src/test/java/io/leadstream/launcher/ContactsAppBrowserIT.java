package io.leadstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static io.leadstream.launcher.AppBrowser.visible;
import static org.awaitility.Awaitility.await;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.gateway.GatewayServer;
import io.leadstream.stack.HeadlessChromium;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web app's contact page in headless Chromium against the whole system (gateway, engine,
 * Cassandra): a marketer finds a contact the engine made from API events, sees its fields and
 * timeline, tags it, edits its fields by type (a refused value shown at its input), adds it to a
 * segment by hand (which starts a campaign on it), sets do-not-contact, each applied by the engine,
 * and erases it after typing ERASE; the contact is then gone from the API and from the app's search.
 * A marketer also makes a company in the app, edits and scores it, and sees a contact join it by its
 * email's domain, on the company's page and on the contact's (screenshots in {@code target/screenshots}).
 */
@ExtendWith(LeadStreamStackExtension.class)
class ContactsAppBrowserIT {
    private static final String TOKEN = "contacts-app-token";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path SHOTS = Path.of("target", "screenshots");

    @BeforeAll
    static void requireBrowser() {
        HeadlessChromium.require();
    }

    @Test
    void aMarketerFindsAContactChangesItAndErasesIt(TestNamespace ns, @TempDir Path dir) throws Exception {
        LeadStreamConfig config = RunningEngine.config(ns, TOKEN);
        String email = "zoe@" + ns.keyspace().replace('_', '-') + ".example";
        ChromeDriver browser = null;
        try (RunningEngine engine = RunningEngine.start(ns, config, "contacts-app");
             GatewayServer gateway = new GatewayServer(config).start()) {
            engine.awaitRunning();
            GatewayCalls api = new GatewayCalls(gateway.baseUrl(), TOKEN);
            assertThat(api.send("POST", "/api/v1/users", """
                    {"username": "mia", "password": "mia-Secret-42", "role": "marketer"}""").statusCode()).isEqualTo(201);
            assertThat(api.send("POST", "/api/v1/events", """
                    {"events": [{"type": "identify", "device_id": "zoedevice01", "fields": {"email": "%s", "firstname": "Zoe"}},
                                {"type": "page_hit", "device_id": "zoedevice01", "url": "https://shop.example/pricing"}]}""".formatted(email))
                    .statusCode()).isEqualTo(202);
            assertThat(api.send("PUT", "/api/v1/fields/plan", """
                    {"label": "Plan", "type": "select", "options": [{"value": "free"}, {"value": "pro", "label": "Pro"}]}""").statusCode())
                    .isEqualTo(201);
            assertThat(api.send("PUT", "/api/v1/segments/handpicked", """
                    {"id": "handpicked", "name": "Hand picked", "filters": []}""").statusCode()).isEqualTo(201);
            assertThat(api.send("PUT", "/api/v1/campaigns/greet", """
                    {"name": "Greet", "sources": {"segments": ["handpicked"]},
                     "events": [{"id": "bonus", "type": "action", "kind": "adjust_points", "points": 5}]}""").statusCode()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> api.contactByEmail(email), c -> c != null && "Zoe".equals(c.getJsonObject("fields").getString("firstname")));

            browser = HeadlessChromium.start(dir.resolve("profile"), WAIT, 1280, 900);
            AppBrowser.signIn(browser, gateway.baseUrl(), "mia", "mia-Secret-42");
            visible(browser, "nav-contacts");
            browser.findElement(By.id("nav-contacts")).click();
            visible(browser, "contact-search");
            browser.findElement(By.id("search-email")).sendKeys(email, Keys.ENTER);
            new WebDriverWait(browser, WAIT).until(d -> !d.findElements(By.id("contact-name")).isEmpty()
                    && d.findElement(By.id("contact-name")).getText().equals(email));
            new WebDriverWait(browser, WAIT).until(d -> "Zoe".equals(d.findElement(By.id("field-firstname")).getAttribute("value")));
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("timeline")).getText().contains("https://shop.example/pricing"));

            browser.findElement(By.id("new-tag")).sendKeys("vip", Keys.ENTER);
            WebDriver b = browser;
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                b.navigate().refresh();
                visible(b, "contact-tags");
                assertThat(b.findElement(By.id("contact-tags")).getText()).contains("vip");
            });

            new Select(browser.findElement(By.id("field-plan"))).selectByVisibleText("Pro");
            browser.findElement(By.id("field-mobile")).sendKeys("call me");
            browser.findElement(By.id("save-fields")).click();
            new WebDriverWait(browser, WAIT).until(d -> !d.findElements(By.id("field-mobile-problem")).isEmpty());
            assertThat(browser.findElement(By.id("field-mobile-problem")).getText()).contains("not a phone number");
            assertThat(browser.findElement(By.id("field-mobile")).getAttribute("aria-invalid")).isEqualTo("true");
            browser.findElement(By.id("field-mobile")).sendKeys(Keys.chord(Keys.CONTROL, "a"), "+33 6 12 34 56 78");
            browser.findElement(By.id("save-fields")).click();
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("contact-status")).getText().contains("Fields sent"));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                b.navigate().refresh();
                new WebDriverWait(b, WAIT).until(d -> !d.findElements(By.id("field-plan")).isEmpty());
                assertThat(b.findElement(By.id("field-plan")).getAttribute("value")).isEqualTo("pro");
                assertThat(b.findElement(By.id("field-mobile")).getAttribute("value")).isEqualTo("+33 6 12 34 56 78");
            });

            visible(browser, "add-to-segment");
            assertThat(AppBrowser.unlabelled(browser)).as("the contact page's controls").isEmpty();
            new Select(browser.findElement(By.id("segment-to-add"))).selectByVisibleText("Hand picked");
            browser.findElement(By.cssSelector("#add-to-segment button")).click();
            browser.findElement(By.id("dnc-email")).click();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                b.navigate().refresh();
                new WebDriverWait(b, WAIT).until(d -> !d.findElements(By.id("contact-campaigns")).isEmpty());
                assertThat(b.findElement(By.id("contact-segments")).getText()).contains("Hand picked");
                assertThat(b.findElement(By.id("contact-campaigns")).getText()).as("the segment's campaign ran its step").contains("greet", "in since", "bonus");
                assertThat(b.findElement(By.id("contact-points")).getText()).isEqualTo("5");
                assertThat(b.findElement(By.id("contact-dnc")).getText()).contains("email: do not contact");
            });

            String contactPage = browser.getCurrentUrl();
            importAFileAndResaveASegment(browser, dir, ns.keyspace().replace('_', '-'));
            browser.get(contactPage);
            visible(browser, "erase-contact");
            browser.findElement(By.id("erase-contact")).click();
            visible(browser, "erase-confirm");
            assertThat(browser.findElement(By.id("erase-confirmed")).isEnabled()).as("not before ERASE is typed").isFalse();
            browser.findElement(By.id("erase-typed")).sendKeys("ERASE");
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("erase-confirmed")).isEnabled());
            browser.findElement(By.id("erase-confirmed")).click();
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("contact-status")).getText().contains("Erasure under way"));

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> api.contactByEmail(email) == null);
            browser.findElement(By.id("nav-contacts")).click();
            visible(browser, "contact-search");
            browser.findElement(By.id("search-email")).sendKeys(email, Keys.ENTER);
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("search-error")).getText().contains("no contact"));
        } finally {
            if (browser != null) {
                browser.quit();
            }
        }
    }

    @Test
    void aMarketerMakesACompanyEditsAndScoresItAndAContactJoinsByItsDomain(TestNamespace ns, @TempDir Path dir) throws Exception {
        LeadStreamConfig config = RunningEngine.config(ns, TOKEN);
        String domain = "rockets-" + ns.keyspace().replace('_', '-') + ".example";
        String email = "lea@" + domain;
        ChromeDriver browser = null;
        try (RunningEngine engine = RunningEngine.start(ns, config, "companies-app");
             GatewayServer gateway = new GatewayServer(config).start()) {
            engine.awaitRunning();
            GatewayCalls api = new GatewayCalls(gateway.baseUrl(), TOKEN);
            assertThat(api.send("POST", "/api/v1/users", """
                    {"username": "kim", "password": "kim-Secret-42", "role": "marketer"}""").statusCode()).isEqualTo(201);
            Files.createDirectories(SHOTS);

            browser = HeadlessChromium.start(dir.resolve("profile"), WAIT, 1280, 900);
            WebDriver b = browser;
            AppBrowser.signIn(browser, gateway.baseUrl(), "kim", "kim-Secret-42");
            browser.findElement(By.id("nav-companies")).click();
            visible(browser, "new-company");
            browser.findElement(By.id("new-company")).click();
            visible(browser, "field-companyname");
            browser.findElement(By.id("field-companyname")).sendKeys("Acme Rockets");
            browser.findElement(By.id("field-companydomain")).sendKeys("https://www." + domain + "/about");
            browser.findElement(By.id("field-companyindustry")).sendKeys("Aerospace");
            assertThat(AppBrowser.unlabelled(browser)).as("the new company's form").isEmpty();
            browser.findElement(By.id("save-company")).click();
            // Created with an id of its own, and answered at once (before the engine has written it).
            new WebDriverWait(browser, WAIT).until(d -> d.getCurrentUrl().matches(".*#/companies/[0-9a-f-]{36}$")
                    && !d.findElements(By.id("company-name")).isEmpty() && d.findElement(By.id("company-name")).getText().equals("Acme Rockets"));
            String company = browser.findElement(By.id("company-id")).getText();
            assertThat(browser.findElement(By.id("field-companydomain")).getAttribute("value")).as("kept as a bare domain").isEqualTo(domain);

            // Listed once the engine has written it.
            browser.findElement(By.id("nav-companies")).click();
            visible(browser, "companies-pager");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                b.navigate().refresh();
                visible(b, "companies-pager");
                assertThat(b.findElement(By.id("companies")).getText()).contains("Acme Rockets " + domain + " Aerospace 0 0");
            });
            screenshot(browser, "companies", "companies");
            browser.findElement(By.linkText("Acme Rockets")).click();
            visible(browser, "company-fields-form");
            assertThat(AppBrowser.unlabelled(browser)).as("the company page's controls").isEmpty();

            // A field edited by its type (a number), and points added by hand.
            browser.findElement(By.id("field-companynumber_of_employees")).sendKeys("250");
            browser.findElement(By.id("save-company")).click();
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("company-status")).getText().contains("Fields sent"));
            browser.findElement(By.id("company-points-delta")).sendKeys("15");
            browser.findElement(By.id("add-company-points")).click();
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("company-status")).getText().contains("Added 15 points"));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                b.navigate().refresh();
                visible(b, "company-score");
                assertThat(b.findElement(By.id("field-companynumber_of_employees")).getAttribute("value")).isEqualTo("250");
                assertThat(b.findElement(By.id("company-score")).getText()).isEqualTo("15");
                assertThat(b.findElement(By.id("company-own-points")).getText()).isEqualTo("15");
                assertThat(b.findElement(By.id("company-contact-points")).getText()).isEqualTo("0");
            });
            assertThat(api.get("/api/v1/companies/" + company).getJsonObject("fields").getString("companynumber_of_employees")).isEqualTo("250");

            // A contact with an address at the company's domain joins it.
            assertThat(api.send("POST", "/api/v1/events", """
                    {"events": [{"type": "identify", "device_id": "leadevice01", "fields": {"email": "%s", "firstname": "Lea"}}]}""".formatted(email))
                    .statusCode()).isEqualTo(202);
            String contact = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> api.contactByEmail(email), c -> c != null).getString("id");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                b.navigate().refresh();
                visible(b, "company-score");
                new WebDriverWait(b, WAIT).until(d -> !d.findElements(By.id("company-contacts")).isEmpty()
                        || !d.findElements(By.id("company-no-contacts")).isEmpty());
                assertThat(b.findElements(By.id("company-contacts"))).isNotEmpty();
                assertThat(b.findElement(By.id("company-contacts")).getText()).contains(contact);
            });
            screenshot(browser, "company", "company-score");

            // The contact's page lists the company, its primary one, and links back to it.
            browser.findElement(By.cssSelector("#company-contacts a[href='#/contacts/" + contact + "']")).click();
            new WebDriverWait(browser, WAIT).until(d -> !d.findElements(By.id("contact-name")).isEmpty()
                    && d.findElement(By.id("contact-name")).getText().equals(email));
            new WebDriverWait(browser, WAIT).until(d -> !d.findElements(By.id("contact-companies")).isEmpty()
                    && d.findElement(By.id("contact-companies")).getText().contains("Acme Rockets"));
            assertThat(browser.findElement(By.id("contact-companies")).getText()).contains("Acme Rockets primary");
            assertThat(AppBrowser.unlabelled(browser)).as("the contact page's controls").isEmpty();
            screenshot(browser, "contact-companies", "contact-companies");
            browser.findElement(By.cssSelector("#contact-companies a")).click();
            new WebDriverWait(browser, WAIT).until(d -> d.getCurrentUrl().endsWith("#/companies/" + company)
                    && !d.findElements(By.id("company-name")).isEmpty() && d.findElement(By.id("company-name")).getText().equals("Acme Rockets"));

            companyFieldSegmentAndCampaignSteps(browser, api, company, contact);
        } finally {
            if (browser != null) {
                browser.quit();
            }
        }
    }

    /**
     * A segment on a company field built in the app (the contact joined by its domain is in it), and a
     * campaign from it whose steps add to a company and score its companies; the condition kind
     * company_field offers the company fields only.
     */
    private static void companyFieldSegmentAndCampaignSteps(ChromeDriver browser, GatewayCalls api, String company, String contact) throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        browser.findElement(By.id("nav-segments")).click();
        visible(browser, "new-segment");
        browser.findElement(By.id("new-segment")).click();
        visible(browser, "segment-form");
        browser.findElement(By.id("segment-id")).sendKeys("aerospace");
        browser.findElement(By.id("segment-name")).sendKeys("Aerospace accounts");
        browser.findElement(By.id("add-filter")).click();
        new Select(browser.findElement(By.id("filter-0-kind"))).selectByValue("company_field");
        wait.until(d -> new Select(d.findElement(By.id("filter-0-field"))).getOptions().stream().anyMatch(o -> o.getText().equals("companyindustry")));
        assertThat(new Select(browser.findElement(By.id("filter-0-field"))).getOptions().stream().map(WebElement::getText))
                .as("company fields only").contains("companyname", "companydomain").doesNotContain("email", "firstname");
        new Select(browser.findElement(By.id("filter-0-field"))).selectByValue("companyindustry");
        new Select(browser.findElement(By.id("filter-0-operator"))).selectByValue("eq");
        visible(browser, "filter-0-value");
        browser.findElement(By.id("filter-0-value")).sendKeys("Aerospace", Keys.TAB);
        browser.findElement(By.id("save-segment")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("#/segments/aerospace"));
        assertThat(api.get("/api/v1/segments/aerospace").getJsonArray("filters")).isEqualTo(new io.vertx.core.json.JsonArray().add(new io.vertx.core.json.JsonObject()
                .put("kind", "company_field").put("field", "companyindustry").put("operator", "eq").put("value", "Aerospace")));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> api.get("/api/v1/segments/aerospace/contacts").getJsonArray("contacts").getList(), m -> m.contains(contact));

        browser.findElement(By.id("nav-campaigns")).click();
        visible(browser, "new-campaign");
        browser.findElement(By.id("new-campaign")).click();
        visible(browser, "campaign-id");
        browser.findElement(By.id("campaign-id")).sendKeys("accounts");
        browser.findElement(By.id("campaign-name")).sendKeys("Accounts");
        browser.findElement(By.id("change-sources")).click();
        visible(browser, "source-segments-aerospace");
        browser.findElement(By.id("source-segments-aerospace")).click();
        browser.findElement(By.id("sources-save")).click();
        browser.findElement(By.id("add-root-next-open")).click();
        new Select(browser.findElement(By.id("add-root-next-kind"))).selectByValue("add_to_company");
        visible(browser, "add-root-next-company");
        browser.findElement(By.id("add-root-next-company")).sendKeys(company);
        browser.findElement(By.id("add-root-next-save")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("#/campaigns/accounts"));
        visible(browser, "add-step1-next-open");
        browser.findElement(By.id("add-step1-next-open")).click();
        new Select(browser.findElement(By.id("add-step1-next-type"))).selectByValue("condition");
        new Select(browser.findElement(By.id("add-step1-next-kind"))).selectByValue("company_field");
        visible(browser, "add-step1-next-field");
        assertThat(new Select(browser.findElement(By.id("add-step1-next-field"))).getOptions().stream().map(o -> o.getAttribute("value")))
                .as("company fields only").contains("companyindustry").doesNotContain("email");
        new Select(browser.findElement(By.id("add-step1-next-type"))).selectByValue("action");
        new Select(browser.findElement(By.id("add-step1-next-kind"))).selectByValue("change_company_score");
        visible(browser, "add-step1-next-points");
        browser.findElement(By.id("add-step1-next-points")).sendKeys("5");
        browser.findElement(By.id("add-step1-next-save")).click();
        wait.until(d -> d.findElement(By.id("campaign-status")).getText().contains("Added step2"));
        io.vertx.core.json.JsonArray events = api.get("/api/v1/campaigns/accounts").getJsonArray("events");
        assertThat(events.getJsonObject(0).getMap()).containsEntry("kind", "add_to_company").containsEntry("company", company);
        assertThat(events.getJsonObject(1).getMap()).containsEntry("kind", "change_company_score").containsEntry("points", 5)
                .containsEntry("parent", "step1");
    }

    /** The viewport with the element {@code id} in its middle, as {@code target/screenshots/<name>.png}. */
    private static void screenshot(ChromeDriver browser, String name, String id) throws Exception {
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", browser.findElement(By.id(id)));
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** An import's bar and its outcome, then a segment's re-evaluation bar after a save. */
    private static void importAFileAndResaveASegment(WebDriver browser, Path dir, String domain) throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        Path csv = dir.resolve("people.csv");
        java.nio.file.Files.writeString(csv, "email,firstname\nimp1@" + domain + ".example,One\nnot-an-address,Two\nimp2@" + domain + ".example,Three\n");
        browser.findElement(By.id("nav-imports")).click();
        visible(browser, "import-form");
        browser.findElement(By.id("import-file")).sendKeys(csv.toString());
        new Select(browser.findElement(By.id("import-segment"))).selectByVisibleText("Hand picked");
        browser.findElement(By.id("start-import")).click();
        wait.until(d -> !d.findElements(By.id("import-state")).isEmpty() && d.findElement(By.id("import-state")).getText().startsWith("done"));
        assertThat(browser.findElement(By.id("import-state")).getText()).isEqualTo("done: 3 rows, 2 accepted, 1 refused");
        WebElement bar = browser.findElement(By.id("import-bar"));
        assertThat(bar.getDomProperty("value")).isEqualTo(bar.getDomProperty("max"));
        assertThat(browser.findElement(By.id("import-errors")).getText()).contains("3", "not-an-address");
        wait.until(d -> d.findElement(By.id("imports")).getText().contains("people.csv"));

        // The contacts list, filtered by the segment (the import's two and the contact added by hand), then by a tag too.
        browser.findElement(By.id("nav-contacts")).click();
        visible(browser, "contact-filters");
        assertThat(AppBrowser.unlabelled(browser)).as("the contact list's filters").isEmpty();
        new Select(browser.findElement(By.id("list-segment"))).selectByVisibleText("Hand picked");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            browser.findElement(By.id("list-apply")).click();
            assertThat(browser.findElement(By.id("contact-list")).getText()).contains("imp1@" + domain, "imp2@" + domain, "zoe@" + domain);
        });
        browser.findElement(By.id("list-tag")).sendKeys("vip");
        browser.findElement(By.id("list-apply")).click();
        wait.until(d -> !d.findElement(By.id("contact-list")).getText().contains("imp1@"));
        assertThat(browser.findElement(By.id("contact-list")).getText()).contains("zoe@" + domain);

        browser.findElement(By.id("nav-segments")).click();
        visible(browser, "segments");
        browser.findElement(By.linkText("Hand picked")).click();
        visible(browser, "segment-name");
        browser.findElement(By.id("segment-name")).sendKeys(" (imported too)");
        browser.findElement(By.id("save-segment")).click();
        // The progress line is drawn again as the backfill moves: an element found may be replaced before it is read.
        new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                .until(d -> !d.findElements(By.id("backfill-state")).isEmpty()
                && d.findElement(By.id("backfill-state")).getText().startsWith("Done:"));
        WebElement backfill = browser.findElement(By.id("backfill-bar"));
        assertThat(backfill.getDomProperty("value")).isEqualTo(backfill.getDomProperty("max"));
    }
}
