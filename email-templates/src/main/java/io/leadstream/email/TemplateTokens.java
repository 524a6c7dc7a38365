package io.leadstream.email;

import java.util.Map;

/**
 * Mautic's tokens for one send: {@code {contactfield=alias|default}} (the field's value, else the
 * default, else empty; {@link TokenSubstitutor}), {@code {unsubscribe_url}}, {@code {webview_url}}, {@code {tracking_pixel}}
 * (the pixel tag in HTML, nothing in text), and in a form's notification {@code {formresults}} (the
 * submitted values, a table in HTML). A token nested in other braces ({@code { {contactfield=x} }})
 * is not found: the outer braces take it.
 */
final class TemplateTokens {
    static final String UNSUBSCRIBE_URL = "unsubscribe_url";
    static final String WEBVIEW_URL = "webview_url";
    static final String TRACKING_PIXEL = "tracking_pixel";
    static final String FORM_RESULTS = "formresults";

    private final TokenSubstitutor html;
    private final TokenSubstitutor text;

    TemplateTokens(Map<String, String> fields, String unsubscribeUrl, String webviewUrl, String pixelTag) {
        this(fields, unsubscribeUrl, webviewUrl, pixelTag, Map.of());
    }

    /** {@code results}: a form submission's values, for a notification's {@code {formresults}}. */
    TemplateTokens(Map<String, String> fields, String unsubscribeUrl, String webviewUrl, String pixelTag, Map<String, String> results) {
        Map<String, String> contact = fields == null ? Map.of() : fields;
        this.html = new TokenSubstitutor(name -> switch (name) {
            case UNSUBSCRIBE_URL -> escapeHtml(unsubscribeUrl);
            case WEBVIEW_URL -> escapeHtml(webviewUrl);
            case TRACKING_PIXEL -> pixelTag; // markup by design: the only values not escaped
            case FORM_RESULTS -> resultsTable(results);
            default -> escapeHtml(field(contact, name));
        });
        this.text = new TokenSubstitutor(name -> switch (name) {
            case UNSUBSCRIBE_URL -> unsubscribeUrl;
            case WEBVIEW_URL -> webviewUrl;
            case TRACKING_PIXEL -> "";
            case FORM_RESULTS -> resultsLines(results);
            default -> field(contact, name);
        });
    }

    private static String resultsTable(Map<String, String> results) {
        StringBuilder table = new StringBuilder("<table>");
        results.forEach((k, v) -> table.append("<tr><th>").append(escapeHtml(k)).append("</th><td>").append(escapeHtml(v)).append("</td></tr>"));
        return table.append("</table>").toString();
    }

    private static String resultsLines(Map<String, String> results) {
        StringBuilder lines = new StringBuilder();
        results.forEach((k, v) -> lines.append(k).append(": ").append(v).append('\n'));
        return lines.toString();
    }

    /** For the HTML body: contact values are escaped, so a field cannot add markup. Defaults are the author's HTML and are not. */
    String html(String template) {
        return html.replace(template);
    }

    /** For the text body and the subject: values as they are. */
    String text(String template) {
        return text.replace(template);
    }

    // Null (not a contact field, or no value) lets StringSubstitutor apply the token's default.
    private static String field(Map<String, String> contact, String name) {
        return TokenSubstitutor.contactField(contact, name);
    }

    private static String escapeHtml(String value) {
        return TokenSubstitutor.escapeHtml(value);
    }
}
