package io.leadstream.definitions;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tokens by which a landing page names other definitions, as Mautic writes them: {@code {form=ID}}
 * (the form's markup) and {@code {pagelink=ID}} (the page's address). Read here for the checks (what
 * a page names must exist) and by the gateway, which replaces them.
 */
public final class PageTokens {
    public static final String FORM = "form";
    public static final String PAGELINK = "pagelink";
    private static final Pattern TOKEN = Pattern.compile("\\{(" + FORM + "|" + PAGELINK + ")=([A-Za-z0-9_-]{1,64})}");

    /** A token found: its name ({@link #FORM}, {@link #PAGELINK}) and the id it names. */
    public record Named(String token, String id) {}

    private PageTokens() {}

    /** Every token in {@code content}, in order. */
    public static List<Named> named(String content) {
        List<Named> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(content);
        while (m.find()) {
            out.add(new Named(m.group(1), m.group(2)));
        }
        return out;
    }

    /** {@code content} with each token of kind {@code token} replaced by {@code replacement(token, id)}; others stay as written. */
    public static String replace(String content, String token, BiFunction<String, String, String> replacement) {
        return TOKEN.matcher(content).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1).equals(token) ? replacement.apply(m.group(1), m.group(2)) : m.group()));
    }
}
