package io.leadstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.ids.IdentityIds;
import io.leadstream.gateway.GatewayOptions;
import io.leadstream.gateway.GatewayServer;
import io.leadstream.stack.HeadlessChromium;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
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
 * A focus item on a customer's site (another origin, with Mautic's snippet and the item's script),
 * in headless Chromium, against the whole system: nothing shows until the pointer leaves the page
 * towards the browser's bar (exit intent); then the item appears, and following its link converts.
 * Back on the page in the same session it does not show again. The view and the conversion are
 * events of the visitor's contact, and the item's stats count one of each.
 */
@ExtendWith(LeadStreamStackExtension.class)
class FocusItemBrowserIT {
    private static final String TOKEN = "focus-item-token";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String EXIT = "document.dispatchEvent(new MouseEvent('mouseout', {bubbles: true, clientX: 300, clientY: -4, relatedTarget: null}));";

    @BeforeAll
    static void requireBrowser() {
        HeadlessChromium.require();
    }

    @Test
    void anExitIntentItemAppearsAndConvertsOncePerSession(TestNamespace ns, @TempDir Path dir) throws Exception {
        Vertx siteVertx = Vertx.vertx();
        AtomicReference<String> gatewayUrl = new AtomicReference<>();
        HttpServer site = siteVertx.createHttpServer().requestHandler(request -> {
            String head = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%s</title></head><body>";
            String page = switch (request.path()) {
                case "/home" -> head.formatted("Home") + "<h1>Welcome</h1><script>(function(w,d,t,u,n,a,m){w['MauticTrackingObject']=n;"
                        + "w[n]=w[n]||function(){(w[n].q=w[n].q||[]).push(arguments)},a=d.createElement(t),m=d.getElementsByTagName(t)[0];"
                        + "a.async=1;a.src=u;m.parentNode.insertBefore(a,m)})(window,document,'script','{{GATEWAY}}/mtc.js','mt');"
                        + "mt('send', 'pageview');</script><script src=\"{{GATEWAY}}/focus/exit-offer.js\"></script></body></html>";
                case "/offer" -> head.formatted("Offer") + "<h1>The offer</h1></body></html>";
                default -> null;
            };
            if (page == null) {
                request.response().setStatusCode(404).end();
            } else {
                request.response().putHeader("Content-Type", "text/html; charset=utf-8").end(page.replace("{{GATEWAY}}", gatewayUrl.get()));
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        String origin = "http://127.0.0.1:" + site.actualPort();
        LeadStreamConfig config = RunningEngine.config(ns, TOKEN).with(GatewayOptions.CORS_ALLOWED_ORIGINS, origin);
        ChromeDriver browser = null;
        try (RunningEngine engine = RunningEngine.start(ns, config, "focus-item");
             GatewayServer gateway = new GatewayServer(config).start()) {
            engine.awaitRunning();
            gatewayUrl.set(gateway.baseUrl());
            GatewayCalls api = new GatewayCalls(gateway.baseUrl(), TOKEN);
            api.define("focus", "exit-offer", """
                    {"name": "Exit offer", "style": "modal", "trigger": {"on": "exit"}, "headline": "Wait: ten percent off",
                     "text": "Take the spring offer before you go.", "link": {"label": "Show me", "url": "%s/offer"},
                     "frequency": {"show": "session"}, "pages": ["%s/home*"]}""".formatted(origin, origin));

            browser = HeadlessChromium.start(dir.resolve("profile"), WAIT, 1280, 900, List.of(), Map.of());
            JavascriptExecutor js = browser;
            browser.get(origin + "/home");
            new WebDriverWait(browser, WAIT).until(d -> js.executeScript("return window.localStorage.getItem('mtc_device_id')") != null);
            String device = (String) js.executeScript("return window.localStorage.getItem('mtc_device_id')");
            Thread.sleep(500);
            assertThat(browser.findElements(By.id("leadstream-focus-exit-offer"))).as("nothing before the exit intent").isEmpty();

            js.executeScript(EXIT);
            new WebDriverWait(browser, WAIT).until(d -> !d.findElements(By.id("leadstream-focus-exit-offer")).isEmpty());
            assertThat(browser.findElement(By.cssSelector("#leadstream-focus-exit-offer .leadstream-focus-headline")).getText())
                    .isEqualTo("Wait: ten percent off");
            assertThat(browser.findElement(By.id("leadstream-focus-exit-offer")).getAttribute("role")).isEqualTo("dialog");
            browser.findElement(By.cssSelector("#leadstream-focus-exit-offer .leadstream-focus-link")).click();
            new WebDriverWait(browser, WAIT).until(d -> d.getCurrentUrl().equals(origin + "/offer"));

            browser.get(origin + "/home");
            Thread.sleep(500);
            js.executeScript(EXIT);
            Thread.sleep(1000);
            assertThat(browser.findElements(By.id("leadstream-focus-exit-offer"))).as("once per session").isEmpty();

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                JsonObject stats = api.get("/api/v1/focus/exit-offer/stats");
                assertThat(stats.getLong("views")).isEqualTo(1);
                assertThat(stats.getLong("conversions")).isEqualTo(1);
                assertThat(stats.getDouble("conversionRate")).isEqualTo(1.0);
                JsonObject timeline = api.find("/api/v1/contacts/" + IdentityIds.anon(device) + "/timeline");
                assertThat(timeline).isNotNull();
                List<String> focus = timeline.getJsonArray("events").stream().map(e -> ((JsonObject) e).getJsonObject("detail"))
                        .filter(d -> d.getString("focus") != null).map(d -> d.getString("name") + " " + d.getString("page_url")).toList();
                assertThat(focus).containsExactlyInAnyOrder("focus_view " + origin + "/home", "focus_conversion " + origin + "/home");
            });
        } finally {
            if (browser != null) {
                browser.quit();
            }
            siteVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
