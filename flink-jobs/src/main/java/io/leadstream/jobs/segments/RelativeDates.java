package io.leadstream.jobs.segments;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates in segment filters: relative ({@code -30 days}, {@code today}, {@code this week}) resolved
 * against "now" in the contact's time zone, or ISO dates. "today", "this week" and the like are the
 * START of that day, week (Monday) or month; "-30 days" is now minus 30 days.
 */
final class RelativeDates {
    private static final Pattern OFFSET = Pattern.compile("([+-]\\d{1,5}) (minute|hour|day|week|month|year)s?");

    private RelativeDates() {}

    /** Epoch millis, or null when {@code text} is not a date. */
    static Long resolve(String text, long now, ZoneId zone) {
        if (text == null) {
            return null;
        }
        ZonedDateTime at = Instant.ofEpochMilli(now).atZone(zone);
        ZonedDateTime today = at.truncatedTo(ChronoUnit.DAYS);
        ZonedDateTime result = switch (text) {
            case "now" -> at;
            case "today" -> today;
            case "yesterday" -> today.minusDays(1);
            case "tomorrow" -> today.plusDays(1);
            case "this week" -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case "last week" -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
            case "next week" -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(1);
            case "this month" -> today.withDayOfMonth(1);
            case "last month" -> today.withDayOfMonth(1).minusMonths(1);
            case "next month" -> today.withDayOfMonth(1).plusMonths(1);
            case "this year" -> today.withDayOfYear(1);
            case "last year" -> today.withDayOfYear(1).minusYears(1);
            case "next year" -> today.withDayOfYear(1).plusYears(1);
            default -> offsetOrIso(text, at, zone);
        };
        return result == null ? null : result.toInstant().toEpochMilli();
    }

    private static ZonedDateTime offsetOrIso(String text, ZonedDateTime at, ZoneId zone) {
        Matcher m = OFFSET.matcher(text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return at.plus(n, switch (m.group(2)) {
                case "minute" -> ChronoUnit.MINUTES;
                case "hour" -> ChronoUnit.HOURS;
                case "day" -> ChronoUnit.DAYS;
                case "week" -> ChronoUnit.WEEKS;
                case "month" -> ChronoUnit.MONTHS;
                default -> ChronoUnit.YEARS;
            });
        }
        return isoDate(text, zone);
    }

    /** An ISO date (start of that day in the zone) or date-time; null if neither. */
    static ZonedDateTime isoDate(String text, ZoneId zone) {
        if (text.length() < 10 || text.charAt(4) != '-' || !Character.isDigit(text.charAt(0))) {
            return null; // not even shaped like one: spare the parser's exception
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(zone);
            }
            return OffsetDateTime.parse(text).atZoneSameInstant(zone);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
