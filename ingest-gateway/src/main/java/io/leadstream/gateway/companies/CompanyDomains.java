package io.leadstream.gateway.companies;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A company's domain in the one form it is kept in: lower case, without scheme, "www.", port, path,
 * query or trailing dot. The engine matches contacts to companies by comparing it with the domain of
 * their email address, so {@code https://www.Acme.com/about} and {@code acme.com} must be one value.
 */
public final class CompanyDomains {
    /** The field holding it. */
    public static final String FIELD = "companydomain";

    private static final Pattern SCHEME = Pattern.compile("^[a-z][a-z0-9+.-]*://");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final int MAX_LENGTH = 253;

    private CompanyDomains() {}

    /** The domain {@code raw} names (a bare domain, or a URL or address with one), or empty when it names none. */
    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String v = raw.strip().toLowerCase(Locale.ROOT);
        v = SCHEME.matcher(v).replaceFirst("");
        int end = firstOf(v, "/?#");
        if (end >= 0) {
            v = v.substring(0, end);
        }
        int at = v.lastIndexOf('@'); // someone@acme.com, or user info before a host
        if (at >= 0) {
            v = v.substring(at + 1);
        }
        int port = v.indexOf(':');
        if (port >= 0) {
            v = v.substring(0, port);
        }
        while (v.endsWith(".")) {
            v = v.substring(0, v.length() - 1);
        }
        if (v.startsWith("www.")) {
            v = v.substring(4);
        }
        try {
            v = IDN.toASCII(v, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT); // one spelling for an internationalised name
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return valid(v) ? Optional.of(v) : Optional.empty();
    }

    /** At least two labels, each 1-63 letters, digits or inner hyphens; a top-level label that is not all digits (no IP addresses). */
    private static boolean valid(String domain) {
        if (domain.isEmpty() || domain.length() > MAX_LENGTH) {
            return false;
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
    }

    private static int firstOf(String s, String chars) {
        int first = -1;
        for (char c : chars.toCharArray()) {
            int i = s.indexOf(c);
            if (i >= 0 && (first < 0 || i < first)) {
                first = i;
            }
        }
        return first;
    }
}
