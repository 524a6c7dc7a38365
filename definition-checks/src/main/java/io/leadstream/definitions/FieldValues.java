package io.leadstream.definitions;

import io.leadstream.common.email.EmailAddresses;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Values made into what their field's type keeps: one stored form per meaning ("yes" and "true" are
 * both 1, "FR" and "france" are both France), so filters compare like with like. A value that does
 * not fit is refused with a reason a person can act on.
 */
public final class FieldValues {
    /** The stored form, or (value null) why there is none. */
    public record Coerced(String value, String reason) {
        static Coerced ok(String value) {
            return new Coerced(value, null);
        }

        static Coerced refused(String reason) {
            return new Coerced(null, reason);
        }

        public boolean accepted() {
            return reason == null;
        }
    }

    /** A locale as a locale field stores it ({@code ll} or {@code ll_CC}), from any case and - or _; empty when it is none. */
    public static java.util.Optional<String> locale(String raw) {
        return raw == null || raw.isBlank() ? java.util.Optional.empty() : Places.locale(raw.strip());
    }

    /** A country's English name (as a country field stores it) from that name or an ISO code, any case; empty when it is none. */
    public static java.util.Optional<String> country(String raw) {
        return raw == null || raw.isBlank() ? java.util.Optional.empty() : Places.country(raw.strip());
    }

    /** Every country's English name, in alphabetical order: a form's country list. */
    public static java.util.List<String> countryNames() {
        return Places.countryNames();
    }

    static final int TEXT_MAX = 255;
    static final int TEXTAREA_MAX = 65_535;
    private static final BigDecimal NUMBER_LIMIT = new BigDecimal("1e18");
    private static final Pattern TEL = Pattern.compile("\\+?[0-9 ().\\-/]{3,40}");
    private static final Set<String> TRUE = Set.of("1", "true", "yes", "y", "on");
    private static final Set<String> FALSE = Set.of("0", "false", "no", "n", "off");

    private FieldValues() {}

    static Coerced coerce(FieldDefinition field, String raw) {
        String v = raw == null ? "" : raw.strip();
        if (v.isEmpty()) {
            return Coerced.refused("empty");
        }
        return switch (field.type()) {
            case TEXT -> length(v, TEXT_MAX);
            case TEXTAREA -> length(v, TEXTAREA_MAX);
            case EMAIL -> v.length() <= 254 && EmailAddresses.looksValid(v) ? Coerced.ok(v) : Coerced.refused("not an email address");
            case NUMBER -> number(v);
            case BOOLEAN -> bool(v);
            case DATE -> date(v);
            case DATETIME -> dateTime(v);
            case SELECT -> option(field.options(), v);
            case MULTISELECT -> options(field.options(), v);
            case COUNTRY -> Places.country(v).map(Coerced::ok).orElseGet(() -> Coerced.refused("not a country: give its English name or ISO code (FR, France)"));
            case LOCALE -> Places.locale(v).map(Coerced::ok).orElseGet(() -> Coerced.refused("not a locale: give a language and optional country (en, en_US)"));
            case TIMEZONE -> Places.zone(v).map(Coerced::ok).orElseGet(() -> Coerced.refused("not an IANA time zone (Europe/Paris)"));
            case URL -> url(v);
            case TEL -> TEL.matcher(v).matches() && v.chars().filter(Character::isDigit).count() >= 3
                    ? Coerced.ok(v.replaceAll("\\s+", " ")) : Coerced.refused("not a phone number (digits, spaces, + ( ) . - /)");
        };
    }

    private static Coerced length(String v, int max) {
        return v.length() <= max ? Coerced.ok(v) : Coerced.refused("longer than " + max + " characters");
    }

    private static Coerced number(String v) {
        try {
            BigDecimal n = new BigDecimal(v);
            if (n.abs().compareTo(NUMBER_LIMIT) >= 0 || n.scale() > 10) {
                return Coerced.refused("out of range: at most 18 digits before the point and 10 after");
            }
            return Coerced.ok(n.signum() == 0 ? "0" : n.stripTrailingZeros().toPlainString());
        } catch (NumberFormatException e) {
            return Coerced.refused("not a number");
        }
    }

    private static Coerced bool(String v) {
        String lower = v.toLowerCase(Locale.ROOT);
        if (TRUE.contains(lower)) {
            return Coerced.ok("1");
        }
        return FALSE.contains(lower) ? Coerced.ok("0") : Coerced.refused("not a yes/no value (1, 0, true, false, yes, no)");
    }

    private static Coerced date(String v) {
        try {
            return Coerced.ok(LocalDate.parse(v).toString());
        } catch (DateTimeParseException e) {
            return Coerced.refused("not a calendar date (YYYY-MM-DD)");
        }
    }

    /** An instant with an offset, or a local date-time read as UTC (Mautic's "YYYY-MM-DD HH:MM:SS" too). */
    private static Coerced dateTime(String v) {
        String iso = v.length() > 10 && v.charAt(10) == ' ' ? v.substring(0, 10) + "T" + v.substring(11) : v;
        try {
            return Coerced.ok(OffsetDateTime.parse(iso).toInstant().toString());
        } catch (DateTimeParseException notOffset) {
            try {
                return Coerced.ok(LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toString());
            } catch (DateTimeParseException notLocal) {
                try {
                    return Coerced.ok(Instant.parse(iso).toString());
                } catch (DateTimeParseException e) {
                    return Coerced.refused("not a date and time (2026-12-04T09:30:00Z)");
                }
            }
        }
    }

    private static Coerced option(List<String> options, String v) {
        for (String o : options) {
            if (o.equals(v)) {
                return Coerced.ok(o);
            }
        }
        for (String o : options) {
            if (o.equalsIgnoreCase(v)) {
                return Coerced.ok(o);
            }
        }
        List<String> shown = options.size() > 10 ? options.subList(0, 10) : options;
        return Coerced.refused("not one of the options " + shown + (options.size() > 10 ? "..." : ""));
    }

    /** Option values separated by |, each one of the options; kept in the options' order, once each. */
    private static Coerced options(List<String> options, String v) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String part : v.split("\\|")) {
            if (part.isBlank()) {
                continue;
            }
            Coerced one = option(options, part.strip());
            if (!one.accepted()) {
                return Coerced.refused("\"" + part.strip() + "\" is " + one.reason());
            }
            chosen.add(one.value());
        }
        List<String> ordered = new ArrayList<>(options);
        ordered.retainAll(chosen);
        return ordered.isEmpty() ? Coerced.refused("empty") : Coerced.ok(String.join("|", ordered));
    }

    private static Coerced url(String v) {
        try {
            URI uri = new URI(v);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && v.length() <= 2048) {
                return Coerced.ok(v);
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        return Coerced.refused("not an http(s) URL");
    }
}
