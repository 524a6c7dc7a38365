package io.leadstream.email;

import java.util.Map;
import java.util.function.Predicate;
import org.apache.commons.text.StringEscapeUtils;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.TextStringBuilder;
import org.apache.commons.text.lookup.StringLookup;

/**
 * Finds Mautic's {@code {name}} and {@code {name|default}} tokens for a lookup (emails, landing
 * pages). Unknown tokens, such as CSS blocks like {@code a{color:red}}, stay as written; a
 * {@code {contactfield=alias}} with no value and no default renders empty, as in Mautic.
 */
public final class TokenSubstitutor extends StringSubstitutor {
    public static final String CONTACT_FIELD = "contactfield=";
    // No escape character: with the default '$', "Save ${contactfield=amount}" would lose its '$'
    // and the token. NUL never occurs in a template; preserveEscapes keeps it if it does.
    private static final char NO_ESCAPE = '\0';

    private final Predicate<String> blankWhenMissing;

    public TokenSubstitutor(StringLookup lookup) {
        this(lookup, name -> name.startsWith(CONTACT_FIELD));
    }

    /** {@code blankWhenMissing}: the tokens that render empty when they have no value and no default (others stay as written). */
    public TokenSubstitutor(StringLookup lookup, Predicate<String> blankWhenMissing) {
        super(lookup, "{", "}", NO_ESCAPE);
        this.blankWhenMissing = blankWhenMissing;
        setValueDelimiter('|');
        setPreserveEscapes(true);
        // A contact whose name is "{unsubscribe_url}" gets that text, not a link.
        setDisableSubstitutionInValues(true);
    }

    /** The value of a {@code contactfield=alias} token's field; null (the token's default applies) when none or not such a token. */
    public static String contactField(Map<String, String> contact, String name) {
        if (!name.startsWith(CONTACT_FIELD)) {
            return null;
        }
        String value = contact.get(name.substring(CONTACT_FIELD.length()).trim());
        return value == null || value.isEmpty() ? null : value;
    }

    /** Text for HTML, in elements and in attributes. escapeHtml4 leaves ' alone; a value in a single-quoted attribute must not close it. */
    public static String escapeHtml(String value) {
        return value == null ? null : StringEscapeUtils.escapeHtml4(value).replace("'", "&#39;");
    }

    @Override
    protected String resolveVariable(String name, TextStringBuilder buf, int startPos, int endPos) {
        String value = super.resolveVariable(name, buf, startPos, endPos);
        if (value == null && blankWhenMissing.test(name) && buf.substring(startPos, endPos).indexOf('|') < 0) {
            return "";
        }
        return value;
    }
}
