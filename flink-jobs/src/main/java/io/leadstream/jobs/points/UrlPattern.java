package io.leadstream.jobs.points;

import java.util.regex.Pattern;

/** A page URL pattern: {@code *} matches any run of characters, the rest literally, case-insensitively, the whole URL. */
public final class UrlPattern {
    private final Pattern pattern;

    public UrlPattern(String wildcard) {
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
        return url != null && pattern.matcher(url).matches();
    }
}
