package io.leadstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.ids.IdentityIds;
import io.leadstream.gateway.GatewayOptions;
import io.leadstream.gateway.GatewayServer;
import io.leadstream.stack.HeadlessChromium;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestCertificates;
import io.leadstream.stack.TestNamespace;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A site tagged with Mautic's snippet, on its own HTTPS origin, in headless Chromium with
 * third-party cookies blocked, against the whole system (gateway on another HTTPS origin, engine,
 * Cassandra): two page views and a form submission make one contact (the visitor's own,
 * now owning the address), whose timeline holds both
 * views and the form, all from the one device id the tracker kept in the site's storage; the
 * browser's language becomes the contact's locale.
 */
@ExtendWith(LeadStreamStackExtension.class)
class TrackedSiteBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SNIPPET = "<script>(function(w,d,t,u,n,a,m){w['MauticTrackingObject']=n;w[n]=w[n]||function(){(w[n].q=w[n].q||[])"
            + ".push(arguments)},a=d.createElement(t),m=d.getElementsByTagName(t)[0];a.async=1;a.src=u;m.parentNode.insertBefore(a,m)})"
            + "(window,document,'script','{{GATEWAY}}/mtc.js','mt');mt('send', 'pageview');</script>";

    @BeforeAll
    static void requireBrowser() {
        HeadlessChromium.require();
    }

    @Test
    void twoViewsAndAFormOnAnotherHttpsSiteMakeOneContact(TestNamespace ns, @TempDir Path dir) throws Exception {
        Path keystore = TestCertificates.keystore(dir.resolve("tls.p12"));
        Vertx siteVertx = Vertx.vertx();
        AtomicReference<String> gatewayUrl = new AtomicReference<>();
        HttpServer site = siteVertx.createHttpServer(new HttpServerOptions().setSsl(true)
                .setKeyCertOptions(new PfxOptions().setPath(keystore.toString()).setPassword(TestCertificates.PASSWORD))).requestHandler(request -> {
                    String head = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%s</title>" + SNIPPET + "</head><body>";
                    String page = switch (request.path()) {
                        case "/pricing" -> head.formatted("Pricing") + "<h1>Pricing</h1></body></html>";
                        case "/signup" -> head.formatted("Sign up") + "<form method=\"post\" action=\"{{GATEWAY}}/form/submit?formId=signup\">"
                                + "<input type=\"email\" id=\"email\" name=\"mauticform[email]\"><input type=\"hidden\" name=\"mauticform[return]\" value=\"/thanks\">"
                                + "<button type=\"submit\" id=\"send\">Sign up</button></form></body></html>";
                        default -> null;
                    };
                    if (page == null) {
                        request.response().setStatusCode(request.path().equals("/favicon.ico") ? 204 : 404).end();
                    } else {
                        request.response().putHeader("Content-Type", "text/html; charset=utf-8").end(page.replace("{{GATEWAY}}", gatewayUrl.get()));
                    }
                }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        String origin = "https://127.0.0.1:" + site.actualPort();
        LeadStreamConfig config = RunningEngine.config(ns, "tracked-site-token")
                .with(GatewayOptions.CORS_ALLOWED_ORIGINS, origin)
                .with(GatewayOptions.TLS_KEYSTORE, keystore.toString())
                .with(GatewayOptions.TLS_KEYSTORE_PASSWORD, TestCertificates.PASSWORD);
        ChromeDriver browser = null;
        try (RunningEngine engine = RunningEngine.start(ns, config, "tracked-site");
             GatewayServer gateway = new GatewayServer(config).start();
             CqlSession cql = ns.stack().cassandra().newSession()) {
            engine.awaitRunning();
            gatewayUrl.set(gateway.baseUrl());
            assertThat(gateway.baseUrl()).startsWith("https://localhost:");
            browser = HeadlessChromium.start(dir.resolve("profile"), WAIT, 1280, 900, List.of("--ignore-certificate-errors"),
                    Map.of("profile.cookie_controls_mode", 1, "profile.block_third_party_cookies", true));
            JavascriptExecutor js = browser;

            browser.get(origin + "/pricing");
            new WebDriverWait(browser, WAIT).until(d -> js.executeScript("return window.localStorage.getItem('mtc_device_id')") != null);
            String device = (String) js.executeScript("return window.localStorage.getItem('mtc_device_id')");
            browser.get(origin + "/signup");
            new WebDriverWait(browser, WAIT).until(d -> device.equals(js.executeScript(
                    "var f = document.querySelector('input[name=mautic_device_id]'); return f && f.value;")));
            String address = "grace@" + ns.keyspace().replace('_', '-') + ".example";
            browser.findElement(By.id("email")).sendKeys(address);
            browser.findElement(By.id("send")).click();
            new WebDriverWait(browser, WAIT).until(d -> d.getCurrentUrl().endsWith("/thanks"));

            String ks = ns.keyspace();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Row owner = cql.execute("SELECT contact_id FROM " + ks + ".contacts_by_identifier WHERE field = 'email' AND value = ?", address).one();
                assertThat(owner).as("the address has a contact").isNotNull();
                // Rows are written under provisional ids: the address's own id is aliased to the
                // device's contact, which claimed it first and keeps its anonymous history.
                Row alias = cql.execute("SELECT target_id FROM " + ks + ".contact_aliases WHERE alias_id = ? LIMIT 1", owner.getString(0)).one();
                String contact = alias == null ? owner.getString(0) : alias.getString(0);
                assertThat(contact).as("the device's own contact, identified").isEqualTo(IdentityIds.anon(device));
                List<Row> timeline = cql.execute("SELECT kind, url, device_id FROM " + ks + ".contact_timeline WHERE contact_id = ?", contact)
                        .all().stream().filter(r -> List.of("page_hit", "form_submission").contains(r.getString("kind"))).toList();
                assertThat(timeline).extracting(r -> r.getString("kind") + " " + (r.getString("url") == null ? "" : r.getString("url").replace(origin, "")))
                        .containsExactlyInAnyOrder("page_hit /pricing", "page_hit /signup", "form_submission ");
                assertThat(timeline).extracting(r -> r.getString("device_id")).containsOnly(device);
                // The browser's language filled the contact's locale (none was known).
                Row locale = cql.execute("SELECT value FROM " + ks + ".contact_fields WHERE contact_id = ? AND field = 'preferred_locale'",
                        contact).one();
                assertThat(locale).isNotNull();
                assertThat(locale.getString(0)).matches("[a-z]{2,3}(_[A-Z]{2})?");
            });
        } finally {
            if (browser != null) {
                browser.quit();
            }
            siteVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
