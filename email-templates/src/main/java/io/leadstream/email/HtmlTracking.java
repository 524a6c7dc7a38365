package io.leadstream.email;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Click and open tracking on an HTML body, through jsoup's HTML5 parser (links may sit in any
 * markup an editor produces; attribute values come back with entities decoded, so the URL that is
 * signed is the one the browser would have followed).
 */
final class HtmlTracking {
    private HtmlTracking() {}

    /** The 1x1 open pixel; built by jsoup so the URL is attribute-escaped. */
    static Element pixel(String pixelUrl) {
        return new Element("img").attr("src", pixelUrl).attr("width", "1").attr("height", "1")
                .attr("alt", "").attr("border", "0");
    }

    /**
     * Every {@code <a href>} (and image-map {@code <area href>}) to an http(s) URL goes through
     * {@code tracked} (null from it leaves the link as is); mailto:, tel:, anchors and the
     * {@code untracked} URLs (unsubscribe, web view: they already carry their own token) are left
     * alone. The pixel is appended at the end of the body unless the template placed it.
     */
    static String apply(String html, UnaryOperator<String> tracked, String pixelUrl, Set<String> untracked) {
        Document doc = Jsoup.parse(html);
        // Keep the author's whitespace and characters: email clients render what they get.
        doc.outputSettings().prettyPrint(false).charset(StandardCharsets.UTF_8);
        for (Element link : doc.select("a[href], area[href]")) {
            String href = link.attr("href").trim();
            if (!TrackingLinks.isHttp(href) || untracked.contains(href)) {
                continue;
            }
            String redirect = tracked.apply(href);
            if (redirect != null) {
                link.attr("href", redirect);
            }
        }
        boolean placed = doc.select("img[src]").stream().anyMatch(img -> img.attr("src").equals(pixelUrl));
        if (!placed) {
            doc.body().appendChild(pixel(pixelUrl));
        }
        return doc.outerHtml();
    }
}
