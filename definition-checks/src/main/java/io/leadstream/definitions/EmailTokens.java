package io.leadstream.definitions;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tokens an email's subject and bodies may hold, as Mautic writes them: {@code {name}}, {@code
 * {name=argument}} and either with {@code |default}. Found here for the checks (an unknown name is an
 * error at save time, not a blank in a sent email) and read by the renderer for the names. A brace
 * followed by anything but a lowercase name and {@code }}, {@code =} or {@code |} (CSS such as
 * {@code a{color:red}}) is not a token.
 */
public final class EmailTokens {
    public static final String CONTACT_FIELD = "contactfield";
    public static final String UNSUBSCRIBE_TEXT = "unsubscribe_text";
    public static final String UNSUBSCRIBE_URL = "unsubscribe_url";
    public static final String WEBVIEW_TEXT = "webview_text";
    public static final String WEBVIEW_URL = "webview_url";
    public static final String TRACKING_PIXEL = "tracking_pixel";
    public static final String SUBJECT = "subject";
    public static final String SIGNATURE = "signature";
    public static final String PAGELINK = "pagelink";
    public static final String ASSETLINK = "assetlink";
    public static final String DYNAMIC_CONTENT = "dynamiccontent";
    public static final String DATE_NOW = "date_now";
    /** A form notification's submitted values; any email can be a form's notification. */
    public static final String FORM_RESULTS = "formresults";

    /** Tokens that name something after {@code =}. */
    public static final Set<String> WITH_ARGUMENT = Set.of(CONTACT_FIELD, PAGELINK, ASSETLINK, DYNAMIC_CONTENT);
    public static final Set<String> WITHOUT_ARGUMENT = Set.of(UNSUBSCRIBE_TEXT, UNSUBSCRIBE_URL, WEBVIEW_TEXT, WEBVIEW_URL, TRACKING_PIXEL,
            SUBJECT, SIGNATURE, DATE_NOW, FORM_RESULTS);

    private static final Pattern TOKEN = Pattern.compile("\\{([a-z_]+)(?:=([^{}|]*))?(?:\\|[^{}]*)?}");

    /** A token as written: its name, its argument (null when none; quotes kept off), where it starts. */
    public record Found(String name, String argument, int at) {
        public boolean known() {
            return argument == null ? WITHOUT_ARGUMENT.contains(name) : WITH_ARGUMENT.contains(name);
        }
    }

    private EmailTokens() {}

    /** Every token in {@code template}, in order. */
    public static List<Found> in(String template) {
        List<Found> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(template);
        while (m.find()) {
            out.add(new Found(m.group(1), unquoted(m.group(2)), m.start()));
        }
        return out;
    }

    /**
     * {@code template} with each {@code {dynamiccontent="name"}} replaced by {@code block.apply(name)}, or by
     * its default ({@code |...}) or nothing when that is null; other tokens stay as written, for the next pass.
     */
    public static String withBlocks(String template, Function<String, String> block) {
        Matcher m = TOKEN.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group();
            if (DYNAMIC_CONTENT.equals(m.group(1)) && m.group(2) != null) {
                String content = block.apply(unquoted(m.group(2)));
                int bar = m.group().indexOf('|');
                replacement = content != null ? content : bar < 0 ? "" : m.group().substring(bar + 1, m.group().length() - 1);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(out).toString();
    }

    /** {@code dynamiccontent="Offer"} names its block in quotes; the other arguments are bare. */
    public static String unquoted(String argument) {
        if (argument == null) {
            return null;
        }
        String a = argument.strip();
        return a.length() >= 2 && a.startsWith("\"") && a.endsWith("\"") ? a.substring(1, a.length() - 1) : a;
    }
}
