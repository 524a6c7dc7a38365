package io.leadstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.definitions.PageChecks;
import io.leadstream.schemas.event.PageHit;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
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
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(p -> assertThat(p).contains("script-src 'none'"));
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
            Document doc = Jsoup.parse(page.body());
            assertThat(doc.title()).isEqualTo("Spring offer");
            assertThat(doc.selectFirst("meta[name=description]").attr("content")).isEqualTo("Ten percent off");
            assertThat(doc.selectFirst("head style").data()).isEqualTo("h1{color:green}");
            assertThat(page.body()).as("nothing that runs").doesNotContain("steal()").doesNotContainIgnoringCase("<script")
                    .doesNotContainIgnoringCase("<iframe").doesNotContain("javascript:");
            assertThat(doc.selectFirst("h1").text()).isEqualTo("Spring");
            assertThat(doc.selectFirst("a").attr("href")).isEqualTo(gw.gateway.baseUrl() + "/thanks");
            assertThat(doc.selectFirst("form#mauticform_signup").attr("action")).isEqualTo(gw.gateway.baseUrl() + "/form/submit?formId=signup");

            // The pixel makes the view a page hit of whoever looks.
            String pixel = doc.selectFirst("img[src*=mtracking.gif]").attr("src");
            assertThat(gw.get(pixel.substring(gw.gateway.baseUrl().length()), "Cookie", "mautic_device_id=pagevisitor1").statusCode()).isEqualTo(200);
            assertThat(gw.drain()).singleElement().satisfies(e -> {
                assertThat(e.getDeviceId()).isEqualTo("pagevisitor1");
                assertThat(((PageHit) e.getPayload()).getUrl()).isEqualTo(gw.gateway.baseUrl() + "/spring-offer");
                assertThat(((PageHit) e.getPayload()).getTitle()).isEqualTo("Spring offer");
            });

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
