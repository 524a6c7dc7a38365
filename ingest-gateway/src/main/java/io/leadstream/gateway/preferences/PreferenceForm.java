package io.leadstream.gateway.preferences;

import io.leadstream.common.email.EmailPreferenceFields.Period;
import io.vertx.core.MultiMap;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a contact posted from its preference page: the segments the page showed ({@code shown}), those
 * it left ticked ({@code segment}), its frequency ({@code frequency_max} per {@code frequency_period})
 * and its pause ({@code paused_until}, a date, or {@code pause_days}, from today). Only segments the
 * page showed are changed, so one made public after the page was read is not left unseen.
 */
record PreferenceForm(Set<String> shown, Set<String> ticked, EmailPreferences preferences) {
    static final String SHOWN = "shown";
    static final String SEGMENT = "segment";
    static final String FREQUENCY_MAX = "frequency_max";
    static final String FREQUENCY_PERIOD = "frequency_period";
    static final String PAUSED_UNTIL = "paused_until";
    static final String PAUSE_DAYS = "pause_days";
    static final int MAX_FREQUENCY = 100;
    static final int MAX_PAUSE_DAYS = 3650;
    private static final int MAX_SEGMENTS = 200;

    /** A posted value the page cannot take; its message is for the contact. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    static PreferenceForm read(MultiMap form, LocalDate today) throws Refused {
        Set<String> shown = new LinkedHashSet<>(form.getAll(SHOWN));
        Set<String> ticked = new LinkedHashSet<>(form.getAll(SEGMENT));
        if (shown.size() > MAX_SEGMENTS || ticked.size() > MAX_SEGMENTS) {
            throw new Refused("Too many lists in one request.");
        }
        Integer max = number(form.get(FREQUENCY_MAX), 1, MAX_FREQUENCY, "How often must be a whole number from 1 to " + MAX_FREQUENCY
                + ", or empty for no limit of your own.");
        Period period = null;
        if (max != null) {
            String given = form.get(FREQUENCY_PERIOD);
            period = given == null || given.isBlank() ? Period.WEEK : Period.of(given);
            if (period == null) {
                throw new Refused("How often must be per day, per week or per month.");
            }
        }
        return new PreferenceForm(shown, ticked, new EmailPreferences(max, period, pause(form, today)));
    }

    /** The segments among {@code visible} to join (ticked, not in) and to leave (shown, not ticked, in). */
    Changes changes(List<String> visible, Set<String> memberOf) {
        Set<String> join = new LinkedHashSet<>();
        Set<String> leave = new LinkedHashSet<>();
        for (String id : visible) {
            if (!shown.contains(id)) {
                continue;
            }
            boolean wanted = ticked.contains(id);
            if (wanted && !memberOf.contains(id)) {
                join.add(id);
            } else if (!wanted && memberOf.contains(id)) {
                leave.add(id);
            }
        }
        return new Changes(join, leave);
    }

    record Changes(Set<String> join, Set<String> leave) {}

    private static LocalDate pause(MultiMap form, LocalDate today) throws Refused {
        Integer days = number(form.get(PAUSE_DAYS), 1, MAX_PAUSE_DAYS, "A pause is from 1 to " + MAX_PAUSE_DAYS + " days.");
        if (days != null) {
            return today.plusDays(days);
        }
        String until = form.get(PAUSED_UNTIL);
        if (until == null || until.isBlank()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(until.strip());
            if (date.isAfter(today.plusDays(MAX_PAUSE_DAYS))) {
                throw new Refused("A pause ends within " + MAX_PAUSE_DAYS + " days.");
            }
            return date.isAfter(today) ? date : null; // a day already begun pauses nothing
        } catch (DateTimeParseException e) {
            throw new Refused("The end of a pause must be a date (YYYY-MM-DD).");
        }
    }

    private static Integer number(String value, int min, int max, String refusal) throws Refused {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min || n > max) {
                throw new Refused(refusal);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Refused(refusal);
        }
    }
}
