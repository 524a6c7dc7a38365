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

    @Test
    void blocksAreNamedOnceAndTheirContentHasKnownTokensButNoBlocks() {
        store("segments", "vip", "{\"id\": \"vip\", \"name\": \"VIP\", \"filters\": []}");
        ObjectNode doc = email("Hi", "<p>{dynamiccontent=\"Offer\"}</p>", "{dynamiccontent=\"Offer\"}");
        doc.set("dynamicContent", DefinitionChecksTest.json("""
                [{"name": "Offer", "default": "<p>10% off, {contactfield=firstname|friend}</p>",
                  "variants": [{"filters": [{"kind": "segment", "segment": "vip"}], "content": "<p>{dynamiccontent=\\"Offer\\"}</p>"},
                               {"filters": [{"kind": "tags", "tags": ["x"]}, {"kind": "points", "operator": "gte", "value": 3}], "content": "{nope}"}]},
                 {"name": "Offer", "default": ""}]"""));
        List<String> problems = problems(doc);
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).isEqualTo("/dynamicContent/0/variants/0/content: {dynamiccontent=\"Offer\"} names no block of this email's dynamicContent");
        assertThat(problems.get(1)).startsWith("/dynamicContent/0/variants/1/content: unknown token {nope}");
        assertThat(problems.get(2)).isEqualTo("/dynamicContent/1/name: two blocks are named Offer");
    }

    @Test
    void aBlockFilterIsOneOfDynamicContentsKinds() {
        ObjectNode doc = email("Hi", "{dynamiccontent=\"Offer\"}", "x");
        doc.set("dynamicContent", DefinitionChecksTest.json("[{\"name\": \"Offer\", \"default\": \"\", \"variants\": "
                + "[{\"filters\": [{\"kind\": \"behavior\"}], \"content\": \"x\"}]}]"));
        assertThat(problems(doc)).isNotEmpty().allMatch(p -> p.startsWith("/dynamicContent/0/variants/0/filters/0"));
    }

    @Test
    void variantsAndTranslationsHangOneLevelUnderTheirEmail() {
        store("emails", "a", email("A", "x", "x").put("id", "a").toString());
        store("emails", "b", email("B", "x", "x").put("id", "b").put("variantOf", "a").toString());
        store("emails", "fr", email("F", "x", "x").put("id", "fr").put("translationOf", "a").put("language", "fr").toString());

        assertThat(problems(email("Hi", "x", "x").put("variantOf", "a").put("weight", 3))).isEmpty();
        assertThat(problems(email("Hi", "x", "x").put("variantOf", "b")))
                .containsExactly("/variantOf: email b is itself a variant or translation; name the email it belongs to");
        assertThat(problems(email("Hi", "x", "x").put("variantOf", "news"))).containsExactly("/variantOf: an email cannot be a variant of itself");
        assertThat(problems(email("Hi", "x", "x").put("variantOf", "a").put("type", "transactional")))
                .containsExactly("/type: a variant is of its email's type, marketing");
        assertThat(problems(email("Hi", "x", "x").put("variantOf", "gone"))).containsExactly("/variantOf: no email \"gone\" is defined");
        assertThat(problems(email("Hi", "x", "x").put("translationOf", "a"))).containsExactly("/language: a translation names its language");
        assertThat(problems(email("Hi", "x", "x").put("translationOf", "a").put("language", "FR".toLowerCase())))
                .containsExactly("/language: email fr is already the fr translation of a");
        assertThat(problems(email("Hi", "x", "x").put("translationOf", "b").put("language", "de"))).as("a variant's translation").isEmpty();

        store("emails", "news-de", email("D", "x", "x").put("id", "news-de").put("translationOf", "news").put("language", "de").toString());
        assertThat(problems(email("Hi", "x", "x").put("variantOf", "a"))).as("a variant with a translation").isEmpty();
        store("emails", "news-b", email("B", "x", "x").put("id", "news-b").put("variantOf", "news").toString());
        assertThat(problems(email("Hi", "x", "x").put("variantOf", "a")))
                .containsExactly("/variantOf: email news-b hangs under this one, which cannot hang under another");
        assertThat(CHECKS.referrers("emails", "a", catalog)).containsExactly("emails/b", "emails/fr");
    }
}
