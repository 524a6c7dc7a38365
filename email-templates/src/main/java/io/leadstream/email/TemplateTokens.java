package io.leadstream.email;

import java.util.Map;
import org.apache.commons.text.StringEscapeUtils;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.TextStringBuilder;
import org.apache.commons.text.lookup.StringLookup;

/**
 * Mautic's tokens for one send: {@code {contactfield=alias|default}} (the field's value, else the
 * default, else empty), {@code {unsubscribe_url}}, {@code {webview_url}}, {@code {tracking_pixel}}
 * (the pixel tag in HTML, nothing in text), and in a form's notification {@code {formresults}} (the
 * submitted values, a table in HTML). Commons Text's StringSubstitutor finds the tokens;
 * unknown ones, such as CSS blocks like {@code a{color:red}}, stay as written. A token nested in
 * other braces ({@code { {contactfield=x} }}) is not found: the outer braces take it.
 */
final class TemplateTokens {
    static final String CONTACT_FIELD = "contactfield=";
    static final String UNSUBSCRIBE_URL = "unsubscribe_url";
    static final String WEBVIEW_URL = "webview_url";
    static final String TRACKING_PIXEL = "tracking_pixel";
    static final String FORM_RESULTS = "formresults";

    private final StringSubstitutor html;
    private final StringSubstitutor text;

    TemplateTokens(Map<String, String> fields, String unsubscribeUrl, String webviewUrl, String pixelTag) {
        this(fields, unsubscribeUrl, webviewUrl, pixelTag, Map.of());
    }

    /** {@code results}: a form submission's values, for a notification's {@code {formresults}}. */
    TemplateTokens(Map<String, String> fields, String unsubscribeUrl, String webviewUrl, String pixelTag, Map<String, String> results) {
        Map<String, String> contact = fields == null ? Map.of() : fields;
        this.html = new Substitutor(name -> switch (name) {
            case UNSUBSCRIBE_URL -> escapeHtml(unsubscribeUrl);
            case WEBVIEW_URL -> escapeHtml(webviewUrl);
            case TRACKING_PIXEL -> pixelTag; // markup by design: the only values not escaped
            case FORM_RESULTS -> resultsTable(results);
            default -> escapeHtml(field(contact, name));
        });
        this.text = new Substitutor(name -> switch (name) {
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
        if (!name.startsWith(CONTACT_FIELD)) {
            return null;
        }
        String value = contact.get(name.substring(CONTACT_FIELD.length()).trim());
        return value == null || value.isEmpty() ? null : value;
    }

    // escapeHtml4 leaves ' alone; a value inside a single-quoted attribute must not close it.
    private static String escapeHtml(String value) {
        return value == null ? null : StringEscapeUtils.escapeHtml4(value).replace("'", "&#39;");
    }

    private static final class Substitutor extends StringSubstitutor {
        // No escape character: with the default '$', "Save ${contactfield=amount}" would lose its '$'
        // and the token. NUL never occurs in a template; preserveEscapes keeps it if it does.
        private static final char NO_ESCAPE = '\0';

        Substitutor(StringLookup lookup) {
            super(lookup, "{", "}", NO_ESCAPE);
            setValueDelimiter('|');
            setPreserveEscapes(true);
            // A contact whose name is "{unsubscribe_url}" gets that text, not a link.
            setDisableSubstitutionInValues(true);
        }

        /** A contact field with no value and no default renders empty, as in Mautic; StringSubstitutor would keep the token. */
        @Override
        protected String resolveVariable(String name, TextStringBuilder buf, int startPos, int endPos) {
            String value = super.resolveVariable(name, buf, startPos, endPos);
            if (value == null && name.startsWith(CONTACT_FIELD) && buf.substring(startPos, endPos).indexOf('|') < 0) {
                return "";
            }
            return value;
        }
    }
}
