package io.leadstream.jobs.segments;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * A field filter's value as text, worked out once per definition: lower-cased, as a number if it
 * is one, and whether it is a date (relative, resolved per evaluation in the contact's zone, or
 * ISO). Evaluations then parse only the contact's side, and only when a typed comparison can apply.
 */
record FilterValue(String text, String lower, BigDecimal number, boolean date, boolean calendarDate) {

    static FilterValue of(String text) {
        boolean iso = RelativeDates.isoDate(text, ZoneOffset.UTC) != null;
        boolean date = iso || RelativeDates.resolve(text, 0, ZoneOffset.UTC) != null;
        return new FilterValue(text, text.toLowerCase(Locale.ROOT), number(text), date, date && !iso);
    }

    /** The text as a number, or null; a cheap look first, since most field values are not numbers. */
    static BigDecimal number(String s) {
        String t = s.strip();
        if (t.isEmpty() || t.length() > 64) {
            return null;
        }
        boolean digit = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '+' && c != '-' && c != '.' && c != 'e' && c != 'E') {
                return null;
            }
        }
        if (!digit) {
            return null;
        }
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
