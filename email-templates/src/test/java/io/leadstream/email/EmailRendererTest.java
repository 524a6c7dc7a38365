package io.leadstream.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.common.email.EmailToken;
import io.leadstream.common.email.SignedTokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class EmailRendererTest {
    private static final String BASE = "https://t.example";
    private final SignedTokens tokens = new SignedTokens("0123456789abcdef0123456789abcdef");
    private final TrackingLinks links = new TrackingLinks(BASE + "/", tokens);
    private final EmailRenderer renderer = new EmailRenderer(links);

    private static EmailDefinition email(String subject, String html, String text) {
        return new EmailDefinition("email-7", "Spring sale", subject, html, text, "news@shop.example", "Shop", EmailDefinition.MARKETING);
    }

    private RenderedEmail render(EmailDefinition email, Map<String, String> fields) {
        return renderer.render(email, fields, "send-1", "contact-42");
    }

    @Test
    void contactFieldsWithAndWithoutDefaults() {
        EmailDefinition email = email("Hi {contactfield=firstname|there}", "<p>{contactfield=firstname|friend} {contactfield=lastname}.</p>",
                "Dear {contactfield=firstname|customer}{contactfield=lastname}, {contactfield=city|}!");
        RenderedEmail known = render(email, Map.of("firstname", "Ada", "lastname", " Lovelace"));
        assertThat(known.subject()).isEqualTo("Hi Ada");
        assertThat(known.text()).isEqualTo("Dear Ada Lovelace, !");
        assertThat(known.html()).contains("<p>Ada  Lovelace.</p>");

        Map<String, String> empty = new HashMap<>();
        empty.put("firstname", "");
        RenderedEmail unknown = render(email, empty);
        assertThat(unknown.subject()).as("an empty value takes the default, as in Mautic").isEqualTo("Hi there");
        assertThat(unknown.text()).as("no value and no default: empty").isEqualTo("Dear customer, !");
        assertThat(unknown.html()).contains("<p>friend .</p>");
        assertThat(render(email, null).subject()).isEqualTo("Hi there");
    }

    @Test
    void aPreviewFillsTokensButTracksNothing() {
        EmailDefinition email = email("Hi {contactfield=firstname|there}\r\nBcc: x",
                "<p>{contactfield=firstname|friend}</p><a href=\"https://shop.example/sale\">Sale</a>{tracking_pixel}"
                        + "<a href=\"{unsubscribe_url}\">Stop</a> <a href=\"{webview_url}\">View</a>",
                "Go to https://shop.example/sale {unsubscribe_url}");
        RenderedEmail preview = EmailRenderer.preview(email, Map.of("firstname", "Zoé <b>"));
        assertThat(preview.subject()).isEqualTo("Hi Zoé <b> Bcc: x");
        assertThat(preview.html()).isEqualTo("<p>Zo&eacute; &lt;b&gt;</p><a href=\"https://shop.example/sale\">Sale</a>"
                + "<a href=\"#unsubscribe\">Stop</a> <a href=\"#webview\">View</a>");
        assertThat(preview.text()).isEqualTo("Go to https://shop.example/sale #unsubscribe");
        assertThat(preview.headers()).isEmpty();
        assertThat(EmailRenderer.preview(email, Map.of()).html()).startsWith("<p>friend</p>");

        RenderedEmail test = renderer.test(email, Map.of("firstname", "Zoé"), "send-1", java.time.Instant.EPOCH);
        assertThat(test.subject()).isEqualTo("[Test] Hi Zoé Bcc: x");
        assertThat(test.html()).contains("href=\"https://shop.example/sale\"").doesNotContain("/email/");
        assertThat(test.headers()).containsOnlyKeys("Message-ID");
    }

    @Test
    void aFormNotificationListsTheResultsEscapedInHtmlAndTracksNothing() {
        EmailDefinition email = email("New lead: {contactfield=email}", "<p>From {contactfield=firstname}</p>{formresults}"
                + "<a href=\"https://shop.example/crm\">CRM</a>", "Results:\n{formresults}");
        RenderedEmail notice = renderer.notification(email, Map.of("firstname", "Zoé", "email", "zoe@x.example"),
                Map.of("note", "<b>call</b> {unsubscribe_url}", "email", "zoe@x.example"), "send-2", java.time.Instant.EPOCH);
        assertThat(notice.subject()).isEqualTo("New lead: zoe@x.example");
        assertThat(notice.html()).isEqualTo("<p>From Zo&eacute;</p><table><tr><th>email</th><td>zoe@x.example</td></tr>"
                + "<tr><th>note</th><td>&lt;b&gt;call&lt;/b&gt; {unsubscribe_url}</td></tr></table><a href=\"https://shop.example/crm\">CRM</a>");
        assertThat(notice.text()).isEqualTo("Results:\nemail: zoe@x.example\nnote: <b>call</b> {unsubscribe_url}\n");
        assertThat(notice.headers()).containsOnlyKeys("Message-ID");
        assertThat(EmailRenderer.preview(email, Map.of()).text()).as("no results outside a notification").isEqualTo("Results:\n");
    }

    @Test
    void otherBracesAndDollarSignsStayAsWritten() {
        EmailDefinition email = email("Save ${contactfield=amount} {unknown}",
                "<html><head><style>a{color:red} p { margin: 0 }</style></head><body><p>{not a token}</p></body></html>", "{x|y} {}");
        RenderedEmail out = render(email, Map.of("amount", "12"));
        assertThat(out.subject()).isEqualTo("Save $12 {unknown}");
        assertThat(out.html()).contains("<style>a{color:red} p { margin: 0 }</style>").contains("<p>{not a token}</p>");
        assertThat(out.text()).isEqualTo("y {}");
    }

    @Test
    void fieldValuesAreEscapedInHtmlOnly() {
        String evil = "<script>alert('x')</script> & \"q\"";
        EmailDefinition email = email("Hello {contactfield=firstname}",
                "<p title='{contactfield=firstname}'>Hi {contactfield=firstname}</p>", "Hi {contactfield=firstname}");
        RenderedEmail out = render(email, Map.of("firstname", evil));
        assertThat(out.html()).doesNotContain("<script>").contains("Hi &lt;script&gt;alert('x')&lt;/script&gt; &amp; \"q\"");
        Document doc = Jsoup.parse(out.html());
        assertThat(doc.select("script")).isEmpty();
        assertThat(doc.selectFirst("p").attributes().size()).as("no attribute injected").isEqualTo(1);
        assertThat(doc.selectFirst("p").attr("title")).isEqualTo(evil);
        assertThat(doc.selectFirst("p").text()).isEqualTo("Hi " + evil);
        assertThat(out.text()).isEqualTo("Hi " + evil);
        assertThat(out.subject()).isEqualTo("Hello " + evil);
    }

    @Test
    void valuesAreNotThemselvesTemplates() {
        EmailDefinition email = email("{contactfield=firstname}", "<p>{contactfield=firstname}</p>", "{contactfield=firstname}");
        RenderedEmail out = render(email, Map.of("firstname", "{unsubscribe_url}{contactfield=email}", "email", "a@b.example"));
        assertThat(out.text()).isEqualTo("{unsubscribe_url}{contactfield=email}");
        assertThat(out.subject()).isEqualTo("{unsubscribe_url}{contactfield=email}");
    }

    @Test
    void everyHttpLinkBecomesASignedClickToTheOriginalUrl() {
        String html = "<p><a href=\"https://shop.example/sale?x=1&amp;y=2\">sale</a> <a href='http://blog.example/'>blog</a>"
                + " <a href=\" HTTPS://Shop.example/Up \">caps</a> <a href=\"https://shop.example/u?who={contactfield=email}\">me</a>"
                + " <a href=\"mailto:help@shop.example\">mail</a> <a href=\"#top\">top</a> <a href=\"tel:+331\">call</a>"
                + " <a href=\"{unsubscribe_url}\">unsubscribe</a> <a href=\"{webview_url}\">view</a>"
                + " <map><area href=\"https://shop.example/area\"></map></p>";
        RenderedEmail out = render(email("s", html, "t"), Map.of("email", "ada@example.com"));
        Document doc = Jsoup.parse(out.html());
        List<String> hrefs = doc.select("a[href], area[href]").eachAttr("href");

        assertThat(clickTarget(hrefs.get(0))).isEqualTo("https://shop.example/sale?x=1&y=2");
        assertThat(clickTarget(hrefs.get(1))).isEqualTo("http://blog.example/");
        assertThat(clickTarget(hrefs.get(2))).as("scheme lower-cased, rest kept").isEqualTo("https://Shop.example/Up");
        assertThat(clickTarget(hrefs.get(3))).as("personalized before signing").isEqualTo("https://shop.example/u?who=ada@example.com");
        assertThat(hrefs.get(4)).isEqualTo("mailto:help@shop.example");
        assertThat(hrefs.get(5)).isEqualTo("#top");
        assertThat(hrefs.get(6)).isEqualTo("tel:+331");
        assertThat(hrefs.get(7)).isEqualTo(links.unsubscribe("send-1", "email-7", "contact-42"))
                .startsWith(BASE + "/email/unsubscribe/");
        assertThat(hrefs.get(8)).isEqualTo(links.webview("send-1", "email-7", "contact-42")).startsWith(BASE + "/email/view/");
        assertThat(clickTarget(hrefs.get(9))).isEqualTo("https://shop.example/area");
    }

    @Test
    void aLinkTooLongToSignStaysUntrackedRatherThanBroken() {
        String longUrl = "https://shop.example/?q=" + "a".repeat(4000);
        RenderedEmail out = render(email("s", "<a href=\"" + longUrl + "\">x</a>", "t"), Map.of());
        assertThat(Jsoup.parse(out.html()).selectFirst("a").attr("href")).isEqualTo(longUrl);
    }

    @Test
    void thePixelIsAddedOnceAtTheEndOfTheBodyOrWhereTheTemplatePutsIt() {
        String pixelUrl = links.pixel("send-1", "email-7", "contact-42");
        assertThat(pixelUrl).startsWith(BASE + "/email/").endsWith(".gif");
        String token = pixelUrl.substring((BASE + "/email/").length(), pixelUrl.length() - ".gif".length());
        assertThat(tokens.verify(token)).isEqualTo(EmailToken.open("send-1", "email-7", "contact-42"));

        Document appended = Jsoup.parse(render(email("s", "<html><body><p>Hi</p></body></html>", "t"), Map.of()).html());
        assertThat(appended.select("img[src=" + pixelUrl + "]")).hasSize(1);
        Element pixel = appended.body().children().last();
        assertThat(pixel.attr("src")).isEqualTo(pixelUrl);
        assertThat(pixel.attr("width")).isEqualTo("1");
        assertThat(pixel.attr("height")).isEqualTo("1");
        assertThat(pixel.hasAttr("alt")).isTrue();
        assertThat(pixel.attr("alt")).isEmpty();

        Document placed = Jsoup.parse(render(email("s", "<div>{tracking_pixel}</div><p>after</p>", "t{tracking_pixel}"), Map.of()).html());
        assertThat(placed.select("img[src=" + pixelUrl + "]")).hasSize(1);
        assertThat(placed.selectFirst("div > img").attr("src")).isEqualTo(pixelUrl);
        assertThat(render(email("s", "<div>{tracking_pixel}</div>", "t{tracking_pixel}"), Map.of()).text()).isEqualTo("t");
    }

    @Test
    void oneClickUnsubscribeAndMessageIdHeaders() {
        RenderedEmail out = render(email("s", "<p>x</p>", "Unsubscribe: {unsubscribe_url}\nView: {webview_url}"), Map.of());
        String unsubscribe = links.unsubscribe("send-1", "email-7", "contact-42");
        assertThat(out.headers()).containsExactly(
                Map.entry("List-Unsubscribe", "<" + unsubscribe + ">"),
                Map.entry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                Map.entry("Message-ID", "<send-1@shop.example>"));
        assertThat(tokens.verify(unsubscribe.substring((BASE + "/email/unsubscribe/").length())))
                .isEqualTo(EmailToken.unsubscribe("send-1", "email-7", "contact-42"));
        assertThat(out.text()).isEqualTo("Unsubscribe: " + unsubscribe + "\nView: " + links.webview("send-1", "email-7", "contact-42"));
        assertThat(EmailHeaders.messageId("cmd 1/<x>", "news@shop.example"))
                .as("not a dot-atom: a stable UUID of it").matches("<[0-9a-f-]{36}@shop\\.example>")
                .isEqualTo(EmailHeaders.messageId("cmd 1/<x>", "other@shop.example"));
        assertThat(EmailHeaders.messageId("abc", "no-domain")).isEqualTo("<abc@leadstream>");
    }

    @Test
    void aLineBreakInAFieldCannotReachTheHeaders() {
        RenderedEmail out = render(email("Hi {contactfield=firstname}", "<p>x</p>", "t"), Map.of("firstname", "Ada\r\nBcc: all@example.com"));
        assertThat(out.subject()).isEqualTo("Hi Ada Bcc: all@example.com");
    }

    @Test
    void theSameSendRendersTheSameBytes() {
        EmailDefinition email = email("Hi {contactfield=firstname|there}",
                "<!doctype html><html><body><a href=\"https://shop.example/\">go</a>{tracking_pixel}<a href=\"{unsubscribe_url}\">u</a></body></html>",
                "{unsubscribe_url}");
        Map<String, String> fields = Map.of("firstname", "Ada");
        RenderedEmail first = render(email, fields);
        assertThat(render(email, fields)).isEqualTo(first);
        assertThat(new EmailRenderer(new TrackingLinks(BASE, new SignedTokens("0123456789abcdef0123456789abcdef"))).render(email, fields, "send-1", "contact-42"))
                .as("another worker with the same key").isEqualTo(first);
        assertThat(renderer.render(email, fields, "send-2", "contact-42")).isNotEqualTo(first);
    }

    private String clickTarget(String href) {
        assertThat(href).startsWith(BASE + "/r/");
        EmailToken token = tokens.verify(href.substring((BASE + "/r/").length()));
        assertThat(token).isNotNull();
        assertThat(token.kind()).isEqualTo(EmailToken.CLICK);
        assertThat(token.sendId()).isEqualTo("send-1");
        assertThat(token.emailId()).isEqualTo("email-7");
        assertThat(token.contactId()).isEqualTo("contact-42");
        return token.url();
    }

    @Test
    void dynamicContentBlocksAreTheContactsWithTheirTokensFilledAndLinksTracked() throws Exception {
        com.fasterxml.jackson.databind.JsonNode blocks = new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                [{"name": "Offer", "default": "<p>10% off</p>",
                  "variants": [{"filters": [{"kind": "segment", "segment": "vip"}],
                                "content": "<p>For you, {contactfield=firstname}: <a href=\\"https://shop.example/vip\\">30% off</a></p>"}]}]""");
        EmailDefinition email = new EmailDefinition("email-7", "Sale", "Sale", "<div>{dynamiccontent=\"Offer\"}</div>{dynamiccontent=\"Gone\"|x}",
                "{dynamiccontent=\"Offer\"}", "news@shop.example", "Shop", EmailDefinition.MARKETING, null, null, null, null, null, null, blocks);
        Map<String, String> fields = Map.of("firstname", "Ada <i>");
        RenderedEmail vip = renderer.render(email, "email-7", fields,
                email.blocks(new io.leadstream.common.content.ContentRules.Contact(fields, java.util.Set.of("vip"), java.util.Set.of(), 0)),
                "send-1", "contact-42", java.time.Instant.EPOCH);
        Document html = Jsoup.parse(vip.html());
        assertThat(html.selectFirst("div").text()).isEqualTo("For you, Ada <i>: 30% off");
        assertThat(html.selectFirst("div a").attr("href")).as("a block's link is tracked").startsWith(BASE + "/r/");
        assertThat(vip.html()).as("a block the email does not have: the token's default").contains("</div>x");
        assertThat(vip.text()).isEqualTo("For you, Ada <i>: 30% off");

        RenderedEmail other = renderer.render(email, fields, "send-2", "contact-43");
        assertThat(Jsoup.parse(other.html()).selectFirst("div").text()).isEqualTo("10% off");
        assertThat(EmailRenderer.preview(email, Map.of()).text()).isEqualTo("10% off");
    }
}
