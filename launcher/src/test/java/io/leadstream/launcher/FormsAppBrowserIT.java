package io.leadstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
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
 * one mapped to none (a duplicate alias is refused on its row first), copies its embed code; a
 * visitor fills the embedded form; the result shows in the app, in the CSV download, and on the
 * contact as the mapping says.
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
            engine.awaitRunning();
            GatewayCalls api = new GatewayCalls(gateway.baseUrl(), TOKEN);
            assertThat(api.send("POST", "/api/v1/users", """
                    {"username": "ines", "password": "ines-Secret-42", "role": "marketer"}""").statusCode()).isEqualTo(201);

            browser = HeadlessChromium.start(dir.resolve("profile"), WAIT, 1400, 1000);
            WebDriverWait wait = new WebDriverWait(browser, WAIT);
            browser.get(gateway.baseUrl() + "/app/");
            visible(browser, "sign-in-form");
            browser.findElement(By.id("username")).sendKeys("ines");
            browser.findElement(By.id("password")).sendKeys("ines-Secret-42", Keys.ENTER);
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
            addField(browser, 4, "email", "Email again");

            browser.findElement(By.id("save-form")).click();
            wait.until(d -> d.findElement(By.id("form-field-4")).getText().contains("duplicate \"email\""));
            assertThat(browser.findElement(By.id("form-field-4")).getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(api.find("/api/v1/forms/demo")).as("nothing stored").isNull();
            browser.findElement(By.id("field-4-remove")).click();
            browser.findElement(By.id("save-form")).click();
            wait.until(d -> d.getCurrentUrl().endsWith("#/forms/demo"));
            visible(browser, "embed-html");
            wait.until(d -> d.findElement(By.id("embed-html")).getAttribute("value").contains("mauticform[plan]"));
            assertThat(browser.findElement(By.id("embed-html")).getAttribute("value")).contains("<option value=\"pro\">Pro plan</option>", "<textarea");
            assertThat(browser.findElement(By.id("embed-script")).getAttribute("value")).contains("/form/generate.js?id=demo");
            JsonObject stored = api.get("/api/v1/forms/demo");
            assertThat(stored.getJsonArray("fields").getJsonObject(2).getString("contactField")).isEqualTo("company");
            assertThat(stored.getJsonArray("fields").getJsonObject(3).containsKey("contactField")).isTrue();
            assertThat(stored.getJsonArray("fields").getJsonObject(3).getString("contactField")).isNull();

            // A visitor fills the embedded form (the iframe code's page).
            String app = browser.getCurrentUrl();
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
            assertThat(lines.get(0)).isEqualTo("submitted_at,contact_id,page_url,email,plan,org,note");
            assertThat(lines).hasSize(2);
            assertThat(lines.get(1)).endsWith("," + email + ",pro,Acme,Call me on Monday");
            assertThat(browser.findElement(By.id("results-csv")).getAttribute("href")).endsWith("/api/v1/forms/demo/submissions?format=csv");

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> api.contactByEmail(email), c -> c != null && "Acme".equals(c.getJsonObject("fields").getString("company")));
            JsonObject fields = api.contactByEmail(email).getJsonObject("fields");
            assertThat(fields.getString("org")).as("org set company, not a field of its own").isNull();
            assertThat(fields.getString("note")).as("mapped to none").isNull();
        } finally {
            if (browser != null) {
                browser.quit();
            }
        }
    }

    private static void addField(WebDriver browser, int row, String alias, String label) {
        browser.findElement(By.id("add-field")).click();
        new WebDriverWait(browser, WAIT).until(d -> !d.findElements(By.id("field-" + row + "-alias")).isEmpty());
        browser.findElement(By.id("field-" + row + "-alias")).sendKeys(alias);
        browser.findElement(By.id("field-" + row + "-label")).sendKeys(label);
    }

    private static void visible(WebDriver browser, String id) {
        new WebDriverWait(browser, WAIT).until(d -> !d.findElements(By.id(id)).isEmpty() && d.findElement(By.id(id)).isDisplayed());
    }
}
