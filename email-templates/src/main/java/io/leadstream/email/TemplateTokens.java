package io.leadstream.email;

import static io.leadstream.definitions.EmailTokens.ASSETLINK;
import static io.leadstream.definitions.EmailTokens.CONTACT_FIELD;
import static io.leadstream.definitions.EmailTokens.DATE_NOW;
import static io.leadstream.definitions.EmailTokens.FORM_RESULTS;
import static io.leadstream.definitions.EmailTokens.PAGELINK;
import static io.leadstream.definitions.EmailTokens.SIGNATURE;
import static io.leadstream.definitions.EmailTokens.SUBJECT;
import static io.leadstream.definitions.EmailTokens.TRACKING_PIXEL;
import static io.leadstream.definitions.EmailTokens.UNSUBSCRIBE_TEXT;
import static io.leadstream.definitions.EmailTokens.UNSUBSCRIBE_URL;
import static io.leadstream.definitions.EmailTokens.WEBVIEW_TEXT;
import static io.leadstream.definitions.EmailTokens.WEBVIEW_URL;

import io.leadstream.definitions.EmailTokens;
import java.time.Instant;
import java.util.Map;
import org.apache.commons.text.lookup.StringLookup;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.jsoup.safety.Safelist;

/**
 * Mautic's email tokens for one send ({@link EmailTokens} lists them): the contact's fields written by
 * type, the send's links and texts around them, the site's signature, links to pages and assets, the
 * day. The subject is rendered first, so {@code {subject}} in a body is the contact's subject. In HTML,
 * values are escaped, except the pixel and the site's own texts (unsubscribe, web view, signature), which
 * are markup by design. A token nested in other braces ({@code { {contactfield=x} }}) is not found:
 * the outer braces take it.
 */
final class TemplateTokens {
    /** The send's own URLs, and the pixel's tag for {@code {tracking_pixel}} (empty where nothing is tracked). */
    record Links(String unsubscribe, String webview, String pixelTag) {}

    private final Map<String, String> contact;
    private final Map<String, String> blocks;
    private final Links links;
    private final Map<String, String> results;
    private final String fromName;
    private final Instant at;
    private final EmailSettings settings;
    private final TokenSources sources;
    private final FieldFormats formats;
    private final String subject;
    private final TokenSubstitutor html;
    private final TokenSubstitutor text;

    /**
     * {@code blocks}: the content of each dynamic content block for this contact, by name; {@code results}: a form submission's values,
     * for a notification's {@code {formresults}}; {@code at}: the send's time.
     */
    TemplateTokens(String subjectTemplate, Map<String, String> fields, Map<String, String> blocks, Links links, Map<String, String> results,
                   String fromName, Instant at, EmailSettings settings, TokenSources sources) {
        this.contact = fields == null ? Map.of() : fields;
        this.blocks = blocks;
        this.links = links;
        this.results = results;
        this.fromName = fromName == null ? "" : fromName;
        this.at = at;
        this.settings = settings;
        this.sources = sources;
        this.formats = new FieldFormats(settings);
        // A field value with a line break must not start a new header line (header injection).
        this.subject = substitutor(false, "").replace(subjectTemplate).replaceAll("[\\r\\n]+", " ");
        this.html = substitutor(true, subject);
        this.text = substitutor(false, subject);
    }

    String subject() {
        return subject;
    }

    /**
     * For the HTML body: contact values are escaped, so a field cannot add markup. Defaults and blocks are the author's HTML and are
     * not; a block's own tokens are filled like the body's.
     */
    String html(String template) {
        return html.replace(EmailTokens.withBlocks(template, blocks::get));
    }

    /** For the text body: values as they are, a block's words. */
    String text(String template) {
        return text.replace(EmailTokens.withBlocks(template, name -> blocks.containsKey(name) ? plain(blocks.get(name)) : null));
    }

    private TokenSubstitutor substitutor(boolean markup, String renderedSubject) {
        StringLookup lookup = token -> {
            int eq = token.indexOf('=');
            String name = eq < 0 ? token : token.substring(0, eq);
            if (eq >= 0) {
                String argument = EmailTokens.unquoted(token.substring(eq + 1));
                String value = switch (name) {
                    case CONTACT_FIELD -> field(argument);
                    case PAGELINK -> sources.pageUrl(argument);
                    case ASSETLINK -> sources.assetUrl(argument);
                    default -> null; // dynamiccontent: filled before (html, text); others are unknown
                };
                return markup ? TokenSubstitutor.escapeHtml(value) : value;
            }
            return switch (name) {
                case UNSUBSCRIBE_URL -> markup ? TokenSubstitutor.escapeHtml(links.unsubscribe()) : links.unsubscribe();
                case WEBVIEW_URL -> markup ? TokenSubstitutor.escapeHtml(links.webview()) : links.webview();
                case UNSUBSCRIBE_TEXT -> siteText(settings.unsubscribeText(), "|URL|", links.unsubscribe(), markup, true);
                case WEBVIEW_TEXT -> siteText(settings.webviewText(), "|URL|", links.webview(), markup, true);
                case SIGNATURE -> siteText(settings.signature(), "|FROM_NAME|", fromName, markup, false);
                case TRACKING_PIXEL -> markup ? links.pixelTag() : "";
                case FORM_RESULTS -> markup ? resultsTable() : resultsLines();
                case SUBJECT -> markup ? TokenSubstitutor.escapeHtml(renderedSubject) : renderedSubject;
                case DATE_NOW -> formats.today(at);
                default -> null;
            };
        };
        return new TokenSubstitutor(lookup, name -> {
            int eq = name.indexOf('=');
            return eq >= 0 && EmailTokens.WITH_ARGUMENT.contains(name.substring(0, eq));
        });
    }

    // Null (not a contact field, or no value) lets the token's default apply.
    private String field(String alias) {
        String value = TokenSubstitutor.contactField(contact, TokenSubstitutor.CONTACT_FIELD + alias);
        return value == null ? null : formats.format(sources.fieldType(alias.strip()), value, contact.get("timezone"));
    }

    /**
     * A site text with its placeholder filled: markup in HTML (the value escaped); in the text body its
     * words, then the URL it links to when {@code link}.
     */
    private static String siteText(String template, String placeholder, String value, boolean markup, boolean link) {
        if (markup) {
            return template.replace(placeholder, TokenSubstitutor.escapeHtml(value));
        }
        String words = plain(template.replace(placeholder, link ? "" : value));
        return link ? words + " " + value : words;
    }

    /** The words of a bit of HTML, line breaks kept. */
    static String plain(String html) {
        String marked = html.replaceAll("(?i)<br\\s*/?>", "\n");
        return Parser.unescapeEntities(Jsoup.clean(marked, "", Safelist.none(), new Document.OutputSettings().prettyPrint(false)), false).strip();
    }

    private String resultsTable() {
        StringBuilder table = new StringBuilder("<table>");
        results.forEach((k, v) -> table.append("<tr><th>").append(TokenSubstitutor.escapeHtml(k)).append("</th><td>")
                .append(TokenSubstitutor.escapeHtml(v)).append("</td></tr>"));
        return table.append("</table>").toString();
    }

    private String resultsLines() {
        StringBuilder lines = new StringBuilder();
        results.forEach((k, v) -> lines.append(k).append(": ").append(v).append('\n'));
        return lines.toString();
    }
}
