package io.leadstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.definitions.PageChecks;
import io.leadstream.schemas.event.PageHit;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.store.cassandra.CassandraSchema;
import io.vertx.ext.web.Route;
import java.net.http.HttpResponse;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Landing pages served by the gateway at /{alias}: cleaned of anything that runs, with the form and
 * the links their tokens name, a tracking pixel that publishes the view as a page hit, cache headers
 * and ETags, publish windows, translations by the browser's language, and the visitor's own fields.
 */
@ExtendWith(LeadStreamStackExtension.class)
class LandingPagesIT {
    private static final String JSON = "application/json";

    @Test
    void aPageIsServedCleanWithItsFormLinksAndPixelAndCachedUntilItChanges(TestNamespace ns) throws Exception {
        CassandraSchema.apply(ns.config()); // the pages' counts
        try (GatewayFixture gw = new GatewayFixture(ns, c -> c)) {
            put(gw, "forms", "signup", """
                    {"name": "Sign up", "fields": [{"alias": "email", "type": "email", "required": true}]}""");
            put(gw, "pages", "thanks", """
                    {"title": "Thanks", "alias": "thanks", "content": "<p>Thank you</p>"}""");
            put(gw, "pages", "spring", """
                    {"title": "Spring offer", "alias": "spring-offer", "metaDescription": "Ten percent off",
                     "content": "<html><head><style>h1{color:green}</style><script>steal()</script></head><body><h1 onclick='steal()'>Spring</h1>{form=signup}<a href='{pagelink=thanks}'>next</a> <a href='javascript:steal()'>bad</a><iframe src='https://evil.example/'></iframe><img src='x' onerror='steal()'></body></html>"}""");

            HttpResponse<String> page = gw.get("/spring-offer");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(p -> assertThat(p)
                    .as("only our own scripts, by their hashes").startsWith("script-src 'sha256-").contains("object-src 'none'"));
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
            Document doc = Jsoup.parse(page.body());
            assertThat(doc.title()).isEqualTo("Spring offer");
            assertThat(doc.selectFirst("meta[name=description]").attr("content")).isEqualTo("Ten percent off");
            assertThat(doc.selectFirst("head style").data()).isEqualTo("h1{color:green}");
            assertThat(page.body()).as("nothing that runs").doesNotContain("steal()")
                    .doesNotContainIgnoringCase("<iframe").doesNotContain("javascript:");
            assertThat(doc.select("script")).as("but the time-on-page script").singleElement()
                    .satisfies(s -> assertThat(s.data()).isEqualTo(PageDwell.SCRIPT));
            assertThat(doc.selectFirst("h1").text()).isEqualTo("Spring");
            assertThat(doc.selectFirst("a").attr("href")).isEqualTo(gw.gateway.baseUrl() + "/thanks");
            assertThat(doc.selectFirst("form#mauticform_signup").attr("action")).isEqualTo(gw.gateway.baseUrl() + "/form/submit?formId=signup");

            // The pixel makes the view a page hit of whoever looks.
            String pixel = doc.selectFirst("img[src*=/page/spring/view.gif]").attr("src");
            assertThat(gw.get(pixel.substring(gw.gateway.baseUrl().length()), "Cookie", "mautic_device_id=pagevisitor1").statusCode()).isEqualTo(200);
            assertThat(gw.drain()).singleElement().satisfies(e -> {
                assertThat(e.getDeviceId()).isEqualTo("pagevisitor1");
                assertThat(((PageHit) e.getPayload()).getUrl()).isEqualTo(gw.gateway.baseUrl() + "/spring-offer");
                assertThat(((PageHit) e.getPayload()).getTitle()).isEqualTo("Spring offer");
            });

            assertThat(doc.selectFirst("form#mauticform_signup input[name=mauticform[lspage]]").val()).as("the page its submissions count for")
                    .isEqualTo("spring");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(new io.vertx.core.json.JsonObject(gw.get("/api/v1/pages/spring/stats", "Authorization", "Bearer " + GatewayFixture.TOKEN)
                            .body()).getLong("views")).as("the pixel counted the view").isEqualTo(1));

            String etag = page.headers().firstValue("ETag").orElseThrow();
            assertThat(gw.get("/spring-offer", "If-None-Match", etag).statusCode()).isEqualTo(304);
            put(gw, "pages", "thanks", """
                    {"title": "Thanks", "alias": "merci", "content": "<p>Thank you</p>"}""");
            HttpResponse<String> changed = gw.get("/spring-offer", "If-None-Match", etag);
            assertThat(changed.statusCode()).as("a linked page moved: the page changed with it").isEqualTo(200);
            assertThat(Jsoup.parse(changed.body()).selectFirst("a").attr("href")).isEqualTo(gw.gateway.baseUrl() + "/merci");
            assertThat(gw.get("/thanks").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void publishWindowsTranslationsAndTheVisitorsOwnFields(TestNamespace ns) throws Exception {
        try (GatewayFixture gw = new GatewayFixture(ns, c -> c)) {
            put(gw, "pages", "gone", """
                    {"title": "Gone", "alias": "gone", "content": "x", "publishDown": "2020-01-01T00:00:00Z"}""");
            put(gw, "pages", "later", """
                    {"title": "Later", "alias": "later", "content": "x", "publishUp": "2999-01-01T00:00:00+02:00"}""");
            put(gw, "pages", "draft", """
                    {"title": "Draft", "alias": "draft", "content": "x", "published": false}""");
            put(gw, "pages", "soon-over", """
                    {"title": "Soon over", "alias": "soon-over", "content": "x", "publishDown": "%s"}"""
                    .formatted(java.time.Instant.now().plusSeconds(20)));
            for (String alias : List.of("gone", "later", "draft")) {
                HttpResponse<String> r = gw.get("/" + alias);
                assertThat(r.statusCode()).as(alias).isEqualTo(404);
                assertThat(r.body()).contains("not published");
            }
            assertThat(gw.get("/soon-over").headers().firstValue("Cache-Control").orElseThrow())
                    .as("not kept in caches past its end").matches("public, max-age=(1\\d|20)");
            assertThat(gw.get("/no-such-page").statusCode()).isEqualTo(404);
            assertThat(gw.get("/health").statusCode()).as("the gateway's own paths are not pages").isEqualTo(200);
            assertThat(gw.send("PUT", "/api/v1/pages/x", JSON, "{\"title\": \"X\", \"alias\": \"metrics\", \"content\": \"x\"}",
                    "Authorization", "Bearer " + GatewayFixture.TOKEN).statusCode()).isEqualTo(422);

            put(gw, "pages", "hello", """
                    {"title": "Hello", "alias": "hello", "language": "en", "content": "<p>Hello {contactfield=firstname|friend}</p>"}""");
            put(gw, "pages", "hello-fr", """
                    {"title": "Bonjour", "alias": "bonjour", "language": "fr", "translationOf": "hello", "content": "<p>Bonjour</p>"}""");
            HttpResponse<String> french = gw.get("/hello", "Accept-Language", "fr-CA,fr;q=0.9,en;q=0.5");
            assertThat(Jsoup.parse(french.body()).title()).isEqualTo("Bonjour");
            assertThat(french.headers().firstValue("Content-Language")).hasValue("fr");
            assertThat(french.headers().firstValue("Vary")).hasValue("Accept-Language");
            HttpResponse<String> english = gw.get("/hello", "Accept-Language", "de-DE,en-GB;q=0.8");
            assertThat(Jsoup.parse(english.body()).selectFirst("p").text()).isEqualTo("Hello friend");
            assertThat(english.headers().firstValue("Cache-Control")).as("the visitor's own page").hasValue("private, no-store");
            assertThat(english.headers().firstValue("ETag")).isEmpty();
            assertThat(Jsoup.parse(gw.get("/bonjour").body()).title()).as("a translation at its own alias").isEqualTo("Bonjour");
        }
    }

    @Test
    void anABTestSplitsVisitorsByWeightKeepsEachInOneVariantAndCountsWhichConverts(TestNamespace ns) throws Exception {
        CassandraSchema.apply(ns.config());
        try (GatewayFixture gw = new GatewayFixture(ns, c -> c)) {
            String auth = "Bearer " + GatewayFixture.TOKEN;
            put(gw, "forms", "join", """
                    {"name": "Join", "fields": [{"alias": "email", "type": "email", "required": true}]}""");
            put(gw, "pages", "launch", """
                    {"title": "Launch A", "alias": "launch", "winnerCriterion": "submissions", "content": "<h1>A</h1>{form=join}"}""");
            put(gw, "pages", "launch-b", """
                    {"title": "Launch B", "alias": "launch-b", "variantOf": "launch", "weight": 50, "content": "<h1>B</h1>{form=join}"}""");
            HttpResponse<String> greedy = gw.send("PUT", "/api/v1/pages/launch-c", JSON,
                    "{\"title\": \"C\", \"alias\": \"launch-c\", \"variantOf\": \"launch\", \"weight\": 50, \"content\": \"c\"}",
                    "Authorization", auth);
            assertThat(greedy.statusCode()).as("the original keeps some visitors").isEqualTo(422);
            assertThat(greedy.body()).contains("would take 100%");

            java.util.Map<String, Integer> seen = new java.util.TreeMap<>();
            String deviceOfB = null;
            for (int i = 0; i < 40; i++) {
                String device = "abvisitor" + String.format("%04d", i);
                HttpResponse<String> r = gw.get("/launch", "Cookie", "mautic_device_id=" + device);
                String shown = Jsoup.parse(r.body()).selectFirst("h1").text();
                seen.merge(shown, 1, Integer::sum);
                assertThat(Jsoup.parse(gw.get("/launch", "Cookie", "mautic_device_id=" + device).body()).selectFirst("h1").text())
                        .as("the same visitor, the same variant").isEqualTo(shown);
                assertThat(r.headers().firstValue("Cache-Control")).hasValue("private, no-store");
                if (shown.equals("B") && deviceOfB == null) {
                    deviceOfB = device;
                }
            }
            assertThat(seen).as("about half each: " + seen).containsOnlyKeys("A", "B").allSatisfy((k, n) -> assertThat(n).isBetween(8, 32));
            HttpResponse<String> stranger = gw.get("/launch");
            assertThat(stranger.headers().firstValue("Set-Cookie")).as("a new visitor is kept in its variant by a cookie")
                    .hasValueSatisfying(c -> assertThat(c).startsWith("mautic_device_id="));

            // Visitor in B sees it (the pixel) and signs up from it; B leads.
            org.jsoup.nodes.Document b = Jsoup.parse(gw.get("/launch", "Cookie", "mautic_device_id=" + deviceOfB).body());
            String pixel = b.selectFirst("img[src*=view.gif]").attr("src");
            assertThat(pixel).contains("/page/launch-b/view.gif").contains("page_url=" + GatewayFixture.enc(gw.gateway.baseUrl() + "/launch"));
            assertThat(gw.get(pixel.substring(gw.gateway.baseUrl().length()), "Cookie", "mautic_device_id=" + deviceOfB).statusCode()).isEqualTo(200);
            assertThat(gw.post("/form/submit?formId=join", "application/x-www-form-urlencoded", "mauticform%5Bemail%5D=b%40example.com&mauticform%5Blspage%5D="
                    + b.selectFirst("input[name=mauticform[lspage]]").val(), "Accept", JSON).statusCode()).isEqualTo(200);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
                io.vertx.core.json.JsonObject stats = new io.vertx.core.json.JsonObject(gw.get("/api/v1/pages/launch/stats", "Authorization", auth).body());
                assertThat(stats.getString("leader")).isEqualTo("launch-b");
                io.vertx.core.json.JsonObject variant = stats.getJsonArray("variants").getJsonObject(0);
                assertThat(variant.getString("page")).isEqualTo("launch-b");
                assertThat(List.of(variant.getLong("views"), variant.getLong("submissions"))).containsExactly(1L, 1L);
                assertThat(variant.getDouble("submissionRate")).isEqualTo(1.0);
            });
            assertThat(gw.drain()).extracting(e -> e.getPayload().getClass().getSimpleName()).as("the view and the submission are events")
                    .containsExactlyInAnyOrder("PageHit", "FormSubmission");
        }
    }

    @Test
    void aDwellTimeTestIsLedByTheVariantReadLongest(TestNamespace ns) throws Exception {
        CassandraSchema.apply(ns.config());
        try (GatewayFixture gw = new GatewayFixture(ns, c -> c)) {
            String auth = "Bearer " + GatewayFixture.TOKEN;
            put(gw, "pages", "tour", """
                    {"title": "Tour A", "alias": "tour", "winnerCriterion": "dwellTime", "content": "<h1>A</h1>"}""");
            put(gw, "pages", "tour-b", """
                    {"title": "Tour B", "alias": "tour-b", "variantOf": "tour", "weight": 50, "content": "<h1>B</h1>"}""");
            HttpResponse<String> page = gw.get("/tour-b");
            org.jsoup.nodes.Element script = Jsoup.parse(page.body()).selectFirst("script[data-lsdwell]");
            assertThat(script).as(page.body()).isNotNull();
            assertThat(script.attr("data-lsdwell")).isEqualTo(gw.gateway.baseUrl() + "/page/tour-b/dwell");
            assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).as("the script runs by its hash")
                    .contains(ScriptHashes.of(script.data()));

            assertThat(gw.post("/page/tour/dwell?ms=2000", "text/plain", "").statusCode()).isEqualTo(204);
            assertThat(gw.post("/page/tour-b/dwell?ms=9000", "text/plain", "").statusCode()).isEqualTo(204);
            assertThat(gw.post("/page/tour-b/dwell?ms=7000", "text/plain", "").statusCode()).isEqualTo(204);
            assertThat(gw.post("/page/tour-b/dwell?ms=-5", "text/plain", "").statusCode()).isEqualTo(400);
            assertThat(gw.post("/page/tour-b/dwell?ms=soon", "text/plain", "").body()).contains("ms: the milliseconds spent on the page");
            assertThat(gw.post("/page/nowhere/dwell?ms=5", "text/plain", "").statusCode()).isEqualTo(404);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
                io.vertx.core.json.JsonObject stats = new io.vertx.core.json.JsonObject(gw.get("/api/v1/pages/tour/stats", "Authorization", auth).body());
                assertThat(stats.getString("winnerCriterion")).isEqualTo("dwellTime");
                assertThat(stats.getString("leader")).as("read longest, though nobody viewed or submitted").isEqualTo("tour-b");
                assertThat(List.of(stats.getLong("dwells"), stats.getDouble("averageDwellSeconds"))).containsExactly(1L, 2.0);
                io.vertx.core.json.JsonObject variant = stats.getJsonArray("variants").getJsonObject(0);
                assertThat(List.of(variant.getLong("dwells"), variant.getDouble("averageDwellSeconds"))).containsExactly(2L, 8.0);
            });
            assertThat(gw.post("/page/tour/dwell?ms=86400000", "text/plain", "").statusCode()).isEqualTo(204);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(new io.vertx.core.json.JsonObject(gw.get("/api/v1/pages/tour/stats", "Authorization", auth).body())
                            .getDouble("averageDwellSeconds")).as("a tab left open a day counts 30 minutes").isEqualTo((2 + 1800) / 2.0));
            assertThat(gw.drain()).as("time on page is a count, not an event").isEmpty();
        }
    }

    @Test
    void everyPathTheGatewayAnswersBeforePagesIsReservedFromAliases(TestNamespace ns) {
        try (GatewayFixture gw = new GatewayFixture(ns, c -> c)) {
            List<String> first = gw.gateway.router().getRoutes().stream().map(Route::getPath).filter(p -> p != null && p.length() > 1)
                    .map(p -> p.substring(1).split("[/.]")[0]).distinct().toList();
            assertThat(first).isNotEmpty().allSatisfy(segment -> assertThat(PageChecks.RESERVED).contains(segment));
        }
    }

    private static void put(GatewayFixture gw, String kind, String id, String json) throws Exception {
        HttpResponse<String> r = gw.send("PUT", "/api/v1/" + kind + "/" + id, JSON, json, "Authorization", "Bearer " + GatewayFixture.TOKEN);
        assertThat(r.statusCode()).as(kind + "/" + id + ": " + r.body()).isBetween(200, 201);
    }
}
