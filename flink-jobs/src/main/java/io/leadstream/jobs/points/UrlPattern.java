package io.leadstream.jobs.points;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A page URL pattern: {@code *} matches any run of characters, the rest literally, case-insensitively,
 * the whole URL. Remembers its answer for the URLs it saw (a site has far fewer pages than hits, and
 * a behaviour filter asks about the same URLs of a contact on every evaluation), up to a bound.
 * Not thread-safe: each operator compiles its own definitions.
 */
public final class UrlPattern implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int REMEMBERED = 10_000;

    private final String wildcard;
    private final Pattern pattern;
    private transient Map<String, Boolean> answers;

    public UrlPattern(String wildcard) {
        this.wildcard = wildcard;
        StringBuilder regex = new StringBuilder();
        for (String part : wildcard.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        this.pattern = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    public boolean matches(String url) {
        if (url == null) {
            return false;
        }
        if (answers == null || answers.size() >= REMEMBERED) {
            answers = new HashMap<>();
        }
        return answers.computeIfAbsent(url, u -> pattern.matcher(u).matches());
    }

    /** The pattern as written. */
    public String wildcard() {
        return wildcard;
    }
}
