package io.leadstream.definitions;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Whether a date the schemas' patterns let through (2026-02-30 has the right shape) is on the calendar. */
final class CalendarDates {
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern ISO_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T.*");

    private CalendarDates() {}

    /** Why {@code text} is not a real date or instant; empty when it is one, or is not shaped like one. */
    static Optional<String> problem(String text) {
        try {
            if (ISO_DATE.matcher(text).matches()) {
                LocalDate.parse(text);
            } else if (ISO_INSTANT.matcher(text).matches()) {
                OffsetDateTime.parse(text);
            }
            return Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.of("\"" + text + "\" is not a date on the calendar");
        }
    }
}
