package io.leadstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadstream.stack.HeadlessChromium;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.store.cassandra.CassandraSchema;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
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
 * The web app in headless Chromium against the real gateway and Cassandra: an admin signs in with
 * the keyboard and adds users in the app; each role then signs in, and what a role may not do is
 * neither shown nor allowed (the API refuses the analyst's write though the page sends it properly).
 */
@ExtendWith(LeadStreamStackExtension.class)
class AppBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static GatewayFixture gw;

    @BeforeAll
    static void start(TestNamespace ns) throws Exception {
        HeadlessChromium.require();
        CassandraSchema.apply(ns.config());
        gw = new GatewayFixture(ns, c -> c);
        HttpResponse<String> created = gw.post("/api/v1/users", "application/json", new JsonObject().put("username", "ada")
                .put("password", "ada-Secret-42").put("role", "admin").encode(), "Authorization", "Bearer " + GatewayFixture.TOKEN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void anAdminAddsUsersAndEachRoleSeesAndDoesOnlyWhatItMay(@TempDir Path dir) {
        ChromeDriver browser = HeadlessChromium.start(dir.resolve("profile"), WAIT, 1280, 900);
        try {
            browser.get(gw.url("/app"));
            visible(browser, "sign-in-form");

            signIn(browser, "ada", "not-the-password");
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("sign-in-error")).getText().contains("wrong user name or password"));

            signIn(browser, "ada", "ada-Secret-42");
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("who")).getText().equals("ada (admin)"));
            assertThat(((JavascriptExecutor) browser).executeScript("return document.cookie")).as("the session id is HttpOnly")
                    .asString().doesNotContain("ls_session");
            browser.findElement(By.id("nav-users")).click();
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("users")).getText().contains("ada"));
            addUser(browser, "ana", "ana-Secret-42", "analyst");
            addUser(browser, "max", "max-Secret-42", "marketer");
            // The API's validation reaches the form: a password too short.
            addUser(browser, "tim", "x", "marketer");
            new WebDriverWait(browser, WAIT).until(d -> !d.findElement(By.id("add-user-error")).getText().isBlank());
            assertThat(browser.findElement(By.id("users")).getText()).doesNotContain("tim");
            browser.findElement(By.id("sign-out")).click();
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("sign-in-error")).getText().equals("Signed out."));

            signIn(browser, "ana", "ana-Secret-42");
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("who")).getText().equals("ana (analyst)"));
            assertThat(browser.findElement(By.id("nav-users")).isDisplayed()).as("no users page for an analyst").isFalse();
            assertThat(browser.findElement(By.id("role-summary")).getText()).contains("change nothing");
            // By URL: the page asks the API, which refuses.
            browser.get(gw.url("/app/#/users"));
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("users-error")).getText().contains("only an admin manages users"));
            assertThat(browser.findElements(By.id("add-user"))).isEmpty();
            // A write the page makes properly (cookie and CSRF token) is refused for the role.
            Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('/app/session').then(r => r.json()).then(s => fetch('/api/v1/segments/mine', {method: 'PUT',
                        headers: {'Content-Type': 'application/json', 'X-CSRF-Token': s.csrfToken},
                        body: JSON.stringify({id: 'mine', name: 'Mine', filters: []})})).then(r => done(r.status), e => done(String(e)));""");
            assertThat(status).isEqualTo(403L);
            browser.findElement(By.id("sign-out")).click();
            visible(browser, "sign-in-form");

            signIn(browser, "max", "max-Secret-42");
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("who")).getText().equals("max (marketer)"));
            assertThat(browser.findElement(By.id("nav-users")).isDisplayed()).isFalse();
            assertThat(browser.findElement(By.id("role-summary")).getText()).contains("can build");
        } finally {
            browser.quit();
        }
    }

    @Test
    void aMarketerBuildsASegmentTheApiRefusesABadPatternAtItsInputAndAnAnalystOnlyReadsIt(@TempDir Path dir) throws Exception {
        for (String[] u : new String[][] {{"sam", "marketer"}, {"ali", "analyst"}}) {
            HttpResponse<String> created = gw.post("/api/v1/users", "application/json", new JsonObject().put("username", u[0])
                    .put("password", u[0] + "-Secret-42").put("role", u[1]).encode(), "Authorization", "Bearer " + GatewayFixture.TOKEN);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        ChromeDriver browser = HeadlessChromium.start(dir.resolve("profile"), WAIT, 1280, 900);
        try {
            browser.get(gw.url("/app/"));
            signIn(browser, "sam", "sam-Secret-42");
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("who")).getText().equals("sam (marketer)"));
            browser.findElement(By.id("nav-segments")).click();
            visible(browser, "new-segment");
            browser.findElement(By.id("new-segment")).click();
            visible(browser, "segment-form");
            browser.findElement(By.id("segment-id")).sendKeys("vips");
            browser.findElement(By.id("segment-name")).sendKeys("VIPs");
            browser.findElement(By.id("segment-public")).click();
            // Filter 0: email not empty (a new filter's default); 1: points >= 25; 2: email matching a pattern.
            browser.findElement(By.id("add-filter")).click();
            browser.findElement(By.id("add-filter")).click();
            browser.findElement(By.id("add-filter")).click();
            new WebDriverWait(browser, WAIT).until(d -> d.findElements(By.cssSelector("#filters > li")).size() == 3);
            new Select(filterInput(browser, 1, "kind")).selectByValue("points");
            visible(browser, "filter-1-value");
            type(browser.findElement(By.id("filter-1-value")), "25");
            new Select(browser.findElement(By.id("filter-2-operator"))).selectByValue("regexp");
            visible(browser, "filter-2-value");
            type(browser.findElement(By.id("filter-2-value")), "(unclosed");
            new Select(filterInput(browser, 2, "glue")).selectByValue("or");
            browser.findElement(By.id("save-segment")).click();

            new WebDriverWait(browser, WAIT).until(d -> !d.findElements(By.id("filter-2-value-problem")).isEmpty());
            assertThat(browser.findElement(By.id("filter-2-value-problem")).getText()).isNotBlank();
            assertThat(browser.findElement(By.id("filter-2-value")).getDomAttribute("aria-invalid")).isEqualTo("true");
            assertThat(gw.get("/api/v1/segments/vips", "Authorization", "Bearer " + GatewayFixture.TOKEN).statusCode()).isEqualTo(404);

            type(browser.findElement(By.id("filter-2-value")), "@example\\.com$");
            browser.findElement(By.id("save-segment")).click();
            new WebDriverWait(browser, WAIT).until(d -> d.getCurrentUrl().endsWith("#/segments/vips"));
            HttpResponse<String> stored = gw.get("/api/v1/segments/vips", "Authorization", "Bearer " + GatewayFixture.TOKEN);
            assertThat(stored.statusCode()).isEqualTo(200);
            JsonObject vips = new JsonObject(stored.body());
            assertThat(vips.getString("name")).isEqualTo("VIPs");
            assertThat(vips.getBoolean("public")).as("shown in the preference center").isTrue();
            assertThat(vips.getJsonArray("filters")).isEqualTo(new io.vertx.core.json.JsonArray()
                    .add(new JsonObject().put("kind", "field").put("field", "email").put("operator", "not_empty"))
                    .add(new JsonObject().put("kind", "points").put("operator", "gte").put("value", 25).put("glue", "and"))
                    .add(new JsonObject().put("kind", "field").put("field", "email").put("operator", "regexp").put("glue", "or")
                            .put("value", "@example\\.com$")));
            browser.findElement(By.id("sign-out")).click();

            signIn(browser, "ali", "ali-Secret-42");
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("who")).getText().equals("ali (analyst)"));
            browser.findElement(By.id("nav-segments")).click();
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("segments")).getText().contains("VIPs"));
            assertThat(browser.findElements(By.id("new-segment"))).isEmpty();
            browser.findElement(By.linkText("VIPs")).click();
            visible(browser, "segment-form");
            new WebDriverWait(browser, WAIT).until(d -> d.findElements(By.cssSelector("#filters > li")).size() == 3);
            assertThat(browser.findElements(By.id("save-segment"))).isEmpty();
            assertThat(browser.findElements(By.id("add-filter"))).isEmpty();
            assertThat(browser.findElement(By.id("segment-name")).getDomProperty("readOnly")).isEqualTo("true");
            assertThat(filterInput(browser, 1, "kind").isEnabled()).isFalse();
        } finally {
            browser.quit();
        }
    }

    @Test
    void aMarketerDefinesStagesReadsThemByWeightAndBuildsASegmentOnOne(@TempDir Path dir) throws Exception {
        String auth = "Bearer " + GatewayFixture.TOKEN;
        ChromeDriver browser = HeadlessChromium.start(dir.resolve("profile"), WAIT, 1280, 900);
        try {
            browser.get(gw.url("/app/"));
            signIn(browser, "ada", "ada-Secret-42");
            browser.findElement(By.id("nav-stages")).click();
            visible(browser, "new-stage");
            browser.findElement(By.id("new-stage")).click();
            visible(browser, "stage-form");
            browser.findElement(By.id("stage-id")).sendKeys("customer");
            browser.findElement(By.id("stage-name")).sendKeys("Customer");
            type(browser.findElement(By.id("stage-weight")), "40");
            browser.findElement(By.id("save-stage")).click();
            new WebDriverWait(browser, WAIT).until(d -> d.getCurrentUrl().endsWith("#/stages/customer"));
            JsonObject customer = new JsonObject(gw.get("/api/v1/stages/customer", "Authorization", auth).body());
            assertThat(customer.getString("name")).isEqualTo("Customer");
            assertThat(customer.getInteger("weight")).isEqualTo(40);

            HttpResponse<String> mql = gw.send("PUT", "/api/v1/stages/mql", "application/json", "{\"name\": \"Marketing qualified\", \"weight\": 20}",
                    "Authorization", auth);
            assertThat(mql.statusCode()).as(mql.body()).isEqualTo(201);
            browser.findElement(By.id("nav-stages")).click();
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("stages")).getText().contains("Customer"));
            assertThat(browser.findElements(By.cssSelector("#stages tbody tr")).stream().map(r -> r.getText()))
                    .as("by weight, each with its contacts now").containsExactly("Marketing qualified mql 20 0 0", "Customer customer 40 0 0");
            visible(browser, "stages-chart");

            browser.findElement(By.id("nav-segments")).click();
            visible(browser, "new-segment");
            browser.findElement(By.id("new-segment")).click();
            visible(browser, "segment-form");
            browser.findElement(By.id("segment-id")).sendKeys("mqls");
            browser.findElement(By.id("segment-name")).sendKeys("MQLs");
            browser.findElement(By.id("add-filter")).click();
            new Select(filterInput(browser, 0, "kind")).selectByValue("stage");
            visible(browser, "filter-0-stage");
            new WebDriverWait(browser, WAIT).until(d -> new Select(d.findElement(By.id("filter-0-stage"))).getOptions().stream()
                    .anyMatch(o -> o.getText().equals("mql")));
            new Select(browser.findElement(By.id("filter-0-stage"))).selectByValue("mql");
            browser.findElement(By.id("save-segment")).click();
            new WebDriverWait(browser, WAIT).until(d -> d.getCurrentUrl().endsWith("#/segments/mqls"));
            assertThat(new JsonObject(gw.get("/api/v1/segments/mqls", "Authorization", auth).body()).getJsonArray("filters"))
                    .isEqualTo(new io.vertx.core.json.JsonArray().add(new JsonObject().put("kind", "stage").put("operator", "eq").put("stage", "mql")));
        } finally {
            browser.quit();
        }
    }

    private static org.openqa.selenium.WebElement filterInput(WebDriver browser, int index, String name) {
        return browser.findElement(By.cssSelector("#filters > li[data-index='" + index + "'] select[name=" + name + "]"));
    }

    @Test
    void aMarketerMakesAnABVariantChoosesHowTheTestIsWonAndReadsWhichLeads(@TempDir Path dir) throws Exception {
        String auth = "Bearer " + GatewayFixture.TOKEN;
        assertThat(gw.post("/api/v1/users", "application/json", new JsonObject().put("username", "pia").put("password", "pia-Secret-42")
                .put("role", "marketer").encode(), "Authorization", auth).statusCode()).isEqualTo(201);
        assertThat(gw.send("PUT", "/api/v1/pages/trial", "application/json", """
                {"title": "Trial A", "alias": "trial", "content": "<h1>A</h1>"}""", "Authorization", auth).statusCode()).isEqualTo(201);
        ChromeDriver browser = HeadlessChromium.start(dir.resolve("profile"), WAIT, 1280, 900);
        try {
            browser.get(gw.url("/app/"));
            signIn(browser, "pia", "pia-Secret-42");
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("who")).getText().equals("pia (marketer)"));
            browser.findElement(By.id("nav-pages")).click();
            visible(browser, "new-page");
            browser.findElement(By.id("new-page")).click();
            visible(browser, "page-form");
            browser.findElement(By.id("page-id")).sendKeys("trial-b");
            browser.findElement(By.id("page-title")).sendKeys("Trial B");
            browser.findElement(By.id("page-alias")).sendKeys("trial-b");
            assertThat(browser.findElements(By.id("page-weight"))).as("a share only for a variant").isEmpty();
            new WebDriverWait(browser, WAIT).until(d -> d.findElements(By.cssSelector("#page-variantOf option[value=trial]")).size() == 1);
            new Select(browser.findElement(By.id("page-variantOf"))).selectByValue("trial");
            visible(browser, "page-weight");
            type(browser.findElement(By.id("page-weight")), "30");
            browser.findElement(By.id("save-page")).click();
            await().atMost(WAIT).untilAsserted(() -> {
                JsonObject variant = new JsonObject(gw.get("/api/v1/pages/trial-b", "Authorization", auth).body());
                assertThat(variant.getString("variantOf")).isEqualTo("trial");
                assertThat(variant.getInteger("weight")).isEqualTo(30);
            });

            browser.get(gw.url("/app/#/pages/trial"));
            visible(browser, "page-winnerCriterion");
            new Select(browser.findElement(By.id("page-winnerCriterion"))).selectByValue("dwellTime");
            browser.findElement(By.id("save-page")).click();
            await().atMost(WAIT).until(() -> "dwellTime".equals(new JsonObject(gw.get("/api/v1/pages/trial", "Authorization", auth).body())
                    .getString("winnerCriterion")));
            assertThat(gw.post("/page/trial/dwell?ms=1000", "text/plain", "").statusCode()).isEqualTo(204);
            assertThat(gw.post("/page/trial-b/dwell?ms=5000", "text/plain", "").statusCode()).isEqualTo(204);
            await().atMost(WAIT).until(() -> "trial-b".equals(new JsonObject(gw.get("/api/v1/pages/trial/stats", "Authorization", auth).body())
                    .getString("leader")));
            browser.navigate().refresh();
            visible(browser, "page-leader");
            assertThat(browser.findElement(By.id("page-leader")).getText()).isEqualTo("trial-b");
            assertThat(browser.findElement(By.id("page-stats")).getText()).contains("time on the page").contains("trial 70%").contains("trial-b 30%")
                    .contains("5 s");
        } finally {
            browser.quit();
        }
    }

    @Test
    void aMarketerBuildsAFocusItemReadsItsViewsAndConversionsAndAddsAWebhook(@TempDir Path dir) throws Exception {
        String auth = "Bearer " + GatewayFixture.TOKEN;
        assertThat(gw.post("/api/v1/users", "application/json", new JsonObject().put("username", "fay").put("password", "fay-Secret-42")
                .put("role", "marketer").encode(), "Authorization", auth).statusCode()).isEqualTo(201);
        ChromeDriver browser = HeadlessChromium.start(dir.resolve("profile"), WAIT, 1280, 900);
        try {
            browser.get(gw.url("/app/"));
            signIn(browser, "fay", "fay-Secret-42");
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("who")).getText().equals("fay (marketer)"));
            browser.findElement(By.id("nav-focus")).click();
            visible(browser, "new-focus");
            browser.findElement(By.id("new-focus")).click();
            visible(browser, "focus-form");
            browser.findElement(By.id("focus-id")).sendKeys("spring-bar");
            browser.findElement(By.id("focus-name")).sendKeys("Spring bar");
            new Select(browser.findElement(By.id("focus-style"))).selectByValue("bar");
            new Select(browser.findElement(By.id("focus-trigger"))).selectByValue("delay");
            visible(browser, "focus-seconds");
            type(browser.findElement(By.id("focus-seconds")), "3");
            browser.findElement(By.id("focus-headline")).sendKeys("Ten percent off");
            new Select(browser.findElement(By.id("focus-offer"))).selectByValue("link");
            visible(browser, "focus-link-label");
            browser.findElement(By.id("focus-link-label")).sendKeys("Show me");
            type(browser.findElement(By.id("focus-link-url")), "https://shop.example/spring");
            new Select(browser.findElement(By.id("focus-frequency"))).selectByValue("days");
            visible(browser, "focus-days");
            type(browser.findElement(By.id("focus-days")), "14");
            browser.findElement(By.id("focus-pages")).sendKeys("https://shop.example/*");
            browser.findElement(By.id("save-focus")).click();
            await().atMost(WAIT).untilAsserted(() -> {
                HttpResponse<String> stored = gw.get("/api/v1/focus/spring-bar", "Authorization", auth);
                assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
                JsonObject item = new JsonObject(stored.body());
                assertThat(item.getString("style")).isEqualTo("bar");
                assertThat(item.getJsonObject("trigger").getMap()).containsOnly(java.util.Map.entry("on", "delay"), java.util.Map.entry("seconds", 3));
                assertThat(item.getJsonObject("link").getMap()).containsOnly(java.util.Map.entry("label", "Show me"),
                        java.util.Map.entry("url", "https://shop.example/spring"));
                assertThat(item.getJsonObject("frequency").getMap()).containsOnly(java.util.Map.entry("show", "days"), java.util.Map.entry("days", 14));
                assertThat(item.getJsonArray("pages").getList()).containsExactly("https://shop.example/*");
            });
            visible(browser, "focus-snippet");
            assertThat(browser.findElement(By.id("focus-snippet")).getText()).isEqualTo("<script src=\"" + gw.gateway.baseUrl() + "/focus/spring-bar.js\"></script>");

            // Two visitors see it, one follows its link; the list shows the item's figures.
            for (String kind : new String[] {"view", "view", "conversion"}) {
                assertThat(gw.post("/focus/spring-bar/" + kind, "application/x-www-form-urlencoded", "page_url=https%3A%2F%2Fshop.example%2Fa")
                        .statusCode()).isEqualTo(200);
            }
            await().atMost(WAIT).until(() -> new JsonObject(gw.get("/api/v1/focus/spring-bar/stats", "Authorization", auth).body())
                    .getLong("conversions") == 1);
            browser.findElement(By.id("nav-focus")).click();
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("focus-items")).getText()
                    .contains("Spring bar bar delay yes 2 views, 1 conversions (50.0%)"));

            // A global webhook for the item's conversions (custom events) and form submissions, of the customers only.
            HttpResponse<String> customers = gw.send("PUT", "/api/v1/segments/customers", "application/json",
                    "{\"name\": \"Customers\", \"filters\": [{\"kind\": \"tags\", \"operator\": \"any\", \"tags\": [\"customer\"]}]}",
                    "Authorization", auth);
            assertThat(customers.statusCode()).as(customers.body()).isEqualTo(201);
            browser.findElement(By.id("nav-webhooks")).click();
            visible(browser, "new-webhook");
            browser.findElement(By.id("new-webhook")).click();
            visible(browser, "webhook-form");
            browser.findElement(By.id("webhook-id")).sendKeys("crm");
            browser.findElement(By.id("webhook-name")).sendKeys("CRM");
            type(browser.findElement(By.id("webhook-url")), "https://crm.example.com/in");
            browser.findElement(By.id("webhook-event-custom")).click();
            browser.findElement(By.id("webhook-event-form_submission")).click();
            visible(browser, "webhook-segment-customers");
            browser.findElement(By.id("webhook-segment-customers")).click();
            type(browser.findElement(By.id("webhook-batch")), "25");
            browser.findElement(By.id("save-webhook")).click();
            await().atMost(WAIT).untilAsserted(() -> {
                HttpResponse<String> stored = gw.get("/api/v1/webhooks/crm", "Authorization", auth);
                assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
                assertThat(new JsonObject(stored.body()).getJsonArray("events").getList()).containsExactlyInAnyOrder("custom", "form_submission");
                assertThat(new JsonObject(stored.body()).getString("url")).isEqualTo("https://crm.example.com/in");
                assertThat(new JsonObject(stored.body()).getJsonArray("segments").getList()).containsExactly("customers");
                assertThat(new JsonObject(stored.body()).getInteger("batch")).as("events per call").isEqualTo(25);
            });
            browser.findElement(By.id("nav-webhooks")).click();
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("webhooks")).getText().contains("CRM https://crm.example.com/in"));
        } finally {
            browser.quit();
        }
    }

    /** Replaces an input's text and leaves it, so its change is taken. */
    private static void type(org.openqa.selenium.WebElement input, String text) {
        input.clear();
        input.sendKeys(text, Keys.TAB);
    }

    /** Types the name and password and presses Enter: the sign-in works from the keyboard alone. */
    private static void signIn(WebDriver browser, String user, String password) {
        visible(browser, "sign-in-form");
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).clear();
        browser.findElement(By.id("password")).sendKeys(password, Keys.ENTER);
    }

    private static void addUser(WebDriver browser, String user, String password, String role) {
        visible(browser, "add-user");
        browser.findElement(By.id("new-username")).sendKeys(user);
        browser.findElement(By.id("new-password")).sendKeys(password);
        new Select(browser.findElement(By.id("new-role"))).selectByValue(role);
        browser.findElement(By.cssSelector("#add-user button[type=submit]")).click();
        if (password.length() > 1) {
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("users")).getText().contains(user + " " + role));
        }
    }

    private static void visible(WebDriver browser, String id) {
        new WebDriverWait(browser, WAIT).until(d -> !d.findElements(By.id(id)).isEmpty() && d.findElement(By.id(id)).isDisplayed());
    }
}
