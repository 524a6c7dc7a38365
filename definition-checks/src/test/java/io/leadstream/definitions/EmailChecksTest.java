package io.leadstream.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An email's tokens are checked when it is saved: unknown ones and missing pages or assets are refused, CSS is not a token. */
class EmailChecksTest {
    private static final DefinitionChecks CHECKS = new DefinitionChecks();
    private final Map<String, Map<String, JsonNode>> stored = new HashMap<>();
    private final DefinitionCatalog catalog = DefinitionCatalog.of(stored);

    private static ObjectNode email(String subject, String html, String text) {
        ObjectNode doc = (ObjectNode) DefinitionChecksTest.json("{\"id\": \"news\", \"name\": \"News\", \"type\": \"marketing\", \"from\": \"a@shop.example\"}");
        return doc.put("subject", subject).put("html", html).put("text", text);
    }

    private List<String> problems(JsonNode email) {
        return CHECKS.check("emails", "news", email, catalog).stream().map(Problem::toString).toList();
    }

    private void store(String kind, String id, String doc) {
        stored.computeIfAbsent(kind, k -> new HashMap<>()).put(id, DefinitionChecksTest.json(doc));
    }

    @Test
    void everyKnownTokenPassesAndCssIsNoToken() {
        store("pages", "spring", "{\"id\": \"spring\", \"title\": \"Spring\", \"alias\": \"spring-offer\", \"content\": \"x\"}");
        store("assets", "pdf", "{\"id\": \"pdf\", \"url\": \"https://cdn.example/a.pdf\"}");
        String html = "<style>a{color:red} p { margin: 0 }</style><p>{contactfield=firstname|friend} {unsubscribe_text} {unsubscribe_url}"
                + " {webview_text} {webview_url} {tracking_pixel} {subject} {signature} {pagelink=spring} {assetlink=pdf} {date_now}"
                + " {formresults}</p>";
        assertThat(problems(email("Hi {contactfield=firstname}", html, "{contactfield=city|} {date_now|today}"))).isEmpty();
    }

    @Test
    void anUnknownTokenIsRefusedWhereItIs() {
        assertThat(problems(email("Hi {firstname}", "<p>{unsubscribe}</p>", "{contactfield}{subject=x}")))
                .containsExactly(
                        "/subject: unknown token {firstname}; an email's tokens are [assetlink=..., contactfield=..., date_now, dynamiccontent=...,"
                                + " formresults, pagelink=..., signature, subject, tracking_pixel, unsubscribe_text, unsubscribe_url, webview_text,"
                                + " webview_url]",
                        "/html: unknown token {unsubscribe}; an email's tokens are [assetlink=..., contactfield=..., date_now, dynamiccontent=...,"
                                + " formresults, pagelink=..., signature, subject, tracking_pixel, unsubscribe_text, unsubscribe_url, webview_text,"
                                + " webview_url]",
                        "/text: {contactfield} needs what it names: {contactfield=...}",
                        "/text: {subject} takes no argument");
    }

    @Test
    void pagesAndAssetsMustExistAndCannotGoWhileAnEmailNamesThem() {
        assertThat(problems(email("Hi", "<a href=\"{pagelink=spring}\">x</a>", "{assetlink=pdf}"))).containsExactly(
                "/html: no page \"spring\" is defined", "/text: no asset \"pdf\" is defined");
        store("pages", "spring", "{\"id\": \"spring\", \"title\": \"Spring\", \"alias\": \"spring-offer\", \"content\": \"x\"}");
        store("emails", "news", email("Hi", "<a href=\"{pagelink=spring}\">x</a>", "x").toString());
        assertThat(CHECKS.referrers("pages", "spring", catalog)).containsExactly("emails/news");
    }

    @Test
    void aDynamicContentTokenMustNameABlockOfTheEmail() {
        assertThat(problems(email("Hi", "<p>{dynamiccontent=\"Offer\"}</p>", "x")))
                .containsExactly("/html: {dynamiccontent=\"Offer\"} names no block of this email's dynamicContent");
    }
}
