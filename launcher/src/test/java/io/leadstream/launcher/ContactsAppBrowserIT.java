package io.leadstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.gateway.GatewayServer;
import io.leadstream.stack.HeadlessChromium;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web app's contact page in headless Chromium against the whole system (gateway, engine,
 * Cassandra): a marketer finds a contact the engine made from API events, sees its fields and
 * timeline, tags it (the engine applies the tag), and erases it after typing ERASE; the contact is
 * then gone from the API and from the app's search.
 */
@ExtendWith(LeadStreamStackExtension.class)
class ContactsAppBrowserIT {
    private static final String TOKEN = "contacts-app-token";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void requireBrowser() {
        HeadlessChromium.require();
    }

    @Test
    void aMarketerFindsAContactTagsItAndErasesIt(TestNamespace ns, @TempDir Path dir) throws Exception {
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
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> api.contactByEmail(email), c -> c != null && "Zoe".equals(c.getJsonObject("fields").getString("firstname")));

            browser = HeadlessChromium.start(dir.resolve("profile"), WAIT, 1280, 900);
            browser.get(gateway.baseUrl() + "/app/");
            visible(browser, "sign-in-form");
            browser.findElement(By.id("username")).sendKeys("mia");
            browser.findElement(By.id("password")).sendKeys("mia-Secret-42", Keys.ENTER);
            visible(browser, "nav-contacts");
            browser.findElement(By.id("nav-contacts")).click();
            visible(browser, "contact-search");
            browser.findElement(By.id("search-email")).sendKeys(email, Keys.ENTER);
            new WebDriverWait(browser, WAIT).until(d -> !d.findElements(By.id("contact-name")).isEmpty()
                    && d.findElement(By.id("contact-name")).getText().equals(email));
            assertThat(browser.findElement(By.id("contact-fields")).getText()).contains("firstname Zoe");
            new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("timeline")).getText().contains("https://shop.example/pricing"));

            browser.findElement(By.id("new-tag")).sendKeys("vip", Keys.ENTER);
            WebDriver b = browser;
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                b.navigate().refresh();
                visible(b, "contact-tags");
                assertThat(b.findElement(By.id("contact-tags")).getText()).contains("vip");
            });

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

    private static void visible(WebDriver browser, String id) {
        new WebDriverWait(browser, WAIT).until(d -> !d.findElements(By.id(id)).isEmpty() && d.findElement(By.id(id)).isDisplayed());
    }
}
