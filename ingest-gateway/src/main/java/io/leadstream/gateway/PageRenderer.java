package io.leadstream.gateway;

import io.leadstream.definitions.PageTokens;
import io.leadstream.email.TokenSubstitutor;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import org.jsoup.Jsoup;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * A landing page's markup. {@link #prepare} does once, per definition, what is the same for every
 * visitor: {@code {pagelink=ID}} becomes the page's address, the marketer's HTML is cleaned of what
 * could run (scripts, event attributes, frames, {@code javascript:} links; the page is served on the
 * app's origin), the head gets the page's title and styles, and the page's own tracking pixel
 * ({@code /page/{id}/view.gif}) makes the view a page hit and counts it for the page. {@link Prepared#render} fills in the visitor's contact fields and the forms.
 */
final class PageRenderer {
    /** Layout and text markup, inline styles and style blocks; nothing that runs. */
    private static final Safelist SAFE = Safelist.relaxed()
            .addTags("style", "section", "header", "footer", "main", "nav", "article", "aside", "figure", "figcaption", "hr", "center", "small",
                    "mark", "button")
            .addAttributes(":all", "style", "class", "id", "title", "align", "lang", "dir", "role", "aria-label")
            .preserveRelativeLinks(true);

    private PageRenderer() {}

    /**
     * The page as every visitor gets it, before contact fields and forms. {@code pageUrl}: a page's
     * address by id (null: no such page, the link is left empty); {@code tracked}: with the pixel
     * (not in the editor's preview, where a view is nobody's).
     */
    static Prepared prepare(JsonObject page, String baseUrl, Function<String, String> pageUrl, boolean tracked) {
        String content = PageTokens.replace(page.getString("content", ""), PageTokens.PAGELINK, (token, id) -> {
            String url = pageUrl.apply(id);
            return url == null ? "" : url;
        });
        Document written = Jsoup.parse(content, baseUrl + "/");
        Document clean = new Cleaner(SAFE).clean(written);
        Document out = Document.createShell(baseUrl + "/");
        String language = page.getString("language");
        if (language != null) {
            out.selectFirst("html").attr("lang", language);
        }
        out.head().appendElement("meta").attr("charset", "utf-8");
        out.head().appendElement("meta").attr("name", "viewport").attr("content", "width=device-width, initial-scale=1");
        out.title(page.getString("title", ""));
        if (page.getString("metaDescription") != null) {
            out.head().appendElement("meta").attr("name", "description").attr("content", page.getString("metaDescription"));
        }
        for (Element style : written.head().select("style")) { // the cleaner keeps the body's styles only
            out.head().appendElement("style").appendChild(new DataNode(style.data()));
        }
        clean.body().childNodes().forEach(n -> out.body().appendChild(n.clone()));
        if (tracked) {
            // A variant is seen at its original's address; its own pixel counts the view for it.
            String original = page.getString("variantOf") == null ? null : pageUrl.apply(page.getString("variantOf"));
            String url = original != null ? original : baseUrl + "/" + page.getString("alias");
            String pixel = baseUrl + "/page/" + encode(page.getString("id", "")) + "/view.gif?page_url=" + encode(url)
                    + "&page_title=" + encode(page.getString("title", ""))
                    + (language == null ? "" : "&page_language=" + encode(language));
            out.body().appendElement("img").attr("src", pixel).attr("alt", "").attr("width", "1").attr("height", "1")
                    .attr("style", "position:absolute;visibility:hidden");
            out.body().appendChild(PageDwell.script(baseUrl + "/page/" + encode(page.getString("id", "")) + "/dwell"));
        }
        String html = out.outerHtml();
        return new Prepared(html, html.contains("{" + TokenSubstitutor.CONTACT_FIELD),
                PageTokens.named(html).stream().filter(t -> t.token().equals(PageTokens.FORM)).map(PageTokens.Named::id).distinct().toList());
    }

    /**
     * A page ready for its visitors. {@code personal}: it shows the visitor's contact fields, so it is
     * rendered for each; {@code forms}: the forms it embeds.
     */
    record Prepared(String html, boolean personal, java.util.List<String> forms) {
        /**
         * The page for a visitor whose contact has {@code contact} (empty: a stranger); {@code form}: a
         * form's markup by id (null: none, the token is left out). Contact values are escaped; the
         * forms are put in after them, so nothing typed into a contact field is read as a token.
         */
        String render(Map<String, String> contact, Function<String, String> form) {
            String filled = personal ? new TokenSubstitutor(name -> TokenSubstitutor.escapeHtml(TokenSubstitutor.contactField(contact, name)))
                    .replace(html) : html;
            return PageTokens.replace(filled, PageTokens.FORM, (token, id) -> {
                String markup = form.apply(id);
                return markup == null ? "" : markup;
            });
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
