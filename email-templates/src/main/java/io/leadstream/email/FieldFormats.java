package io.leadstream.email;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A contact field's stored value as a reader expects it by the field's type: dates and
 * dates-with-times in the site's formats (the latter in the contact's timezone), numbers grouped for
 * the site's locale. A value that does not read as its type is written as stored.
 */
final class FieldFormats {
    private final EmailSettings settings;

    FieldFormats(EmailSettings settings) {
        this.settings = settings;
    }

    String format(String type, String value, String contactTimezone) {
        if (type == null || value == null) {
            return value;
        }
        try {
            return switch (type) {
                case "date" -> settings.date().format(LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value));
                case "datetime" -> settings.dateTime().format(instant(value).atZone(zone(contactTimezone)));
                case "number" -> number(value);
                default -> value;
            };
        } catch (DateTimeException | NumberFormatException e) {
            return value;
        }
    }

    /** {@code date_now}: the day of {@code at} in the site's timezone. */
    String today(Instant at) {
        return settings.date().format(at.atZone(settings.zone()));
    }

    private String number(String value) {
        NumberFormat format = NumberFormat.getNumberInstance(settings.locale());
        BigDecimal n = new BigDecimal(value.strip());
        format.setMaximumFractionDigits(Math.max(0, n.scale()));
        return format.format(n);
    }

    // Stored as an ISO instant, an offset time, or a local "2026-12-03 10:00:00" taken as UTC.
    private static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(value.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        }
    }

    private ZoneId zone(String contactTimezone) {
        try {
            return contactTimezone == null || contactTimezone.isBlank() ? settings.zone() : ZoneId.of(contactTimezone);
        } catch (DateTimeException e) {
            return settings.zone();
        }
    }
}
