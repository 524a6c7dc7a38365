package io.leadstream.jobs.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** When an action or condition runs once a contact reaches it: its `timing`, then its `window`. */
final class StepTiming implements Serializable {
    private static final long serialVersionUID = 1L;

    enum Mode { IMMEDIATE, INTERVAL, DATE }

    /** Minutes and hours are exact durations; days and months are calendar steps in the contact's zone. */
    enum Unit { MINUTES, HOURS, DAYS, MONTHS }

    private final Mode mode;
    private final int amount;
    private final Unit unit;
    private final long at;
    private final SendWindow window;

    private StepTiming(Mode mode, int amount, Unit unit, long at, SendWindow window) {
        this.mode = mode;
        this.amount = amount;
        this.unit = unit;
        this.at = at;
        this.window = window;
    }

    static StepTiming parse(JsonNode event) {
        SendWindow window = SendWindow.parse(event == null ? null : event.get("window"));
        JsonNode timing = event == null ? null : event.get("timing");
        if (timing == null || timing.isNull()) {
            return new StepTiming(Mode.IMMEDIATE, 0, null, 0, window);
        }
        if (!timing.isObject()) {
            throw new IllegalArgumentException("timing must be an object, got " + timing);
        }
        return switch (timing.path("mode").asText("")) {
            case "immediate" -> new StepTiming(Mode.IMMEDIATE, 0, null, 0, window);
            case "interval" -> new StepTiming(Mode.INTERVAL, amount(timing, "timing"), unit(timing, "timing"), 0, window);
            case "date" -> new StepTiming(Mode.DATE, 0, null, instant(timing.get("at")), window);
            default -> throw new IllegalArgumentException(
                    "timing.mode must be immediate, interval or date, got " + timing.get("mode"));
        };
    }

    /** The decision's timeout instant, or null when it waits for ever. Windows do not apply: a timeout is no send. */
    static Long timeoutAt(JsonNode decision, long reachedAtMillis, ZoneId zone) {
        JsonNode timeout = decision == null ? null : decision.get("timeout");
        if (timeout == null || timeout.isNull()) {
            return null;
        }
        if (!timeout.isObject()) {
            throw new IllegalArgumentException("timeout must be an object, got " + timeout);
        }
        return plus(reachedAtMillis, amount(timeout, "timeout"), unit(timeout, "timeout"), zone);
    }

    /** True when the step needs no timer at all. */
    boolean immediate() {
        return mode == Mode.IMMEDIATE && window == null;
    }

    long dueAt(long reachedAtMillis, ZoneId zone) {
        long due = switch (mode) {
            case IMMEDIATE -> reachedAtMillis;
            case INTERVAL -> plus(reachedAtMillis, amount, unit, zone);
            // A date already passed (a contact entering late) runs at once rather than never.
            case DATE -> Math.max(at, reachedAtMillis);
        };
        return window == null ? due : window.nextOpen(due, zone);
    }

    private static long plus(long millis, int amount, Unit unit, ZoneId zone) {
        return switch (unit) {
            case MINUTES -> millis + amount * 60_000L;
            case HOURS -> millis + amount * 3_600_000L;
            // ZonedDateTime keeps the local time of day across DST and clamps Jan 31 + 1 month to Feb 28.
            case DAYS -> local(millis, zone).plusDays(amount).toInstant().toEpochMilli();
            case MONTHS -> local(millis, zone).plusMonths(amount).toInstant().toEpochMilli();
        };
    }

    private static ZonedDateTime local(long millis, ZoneId zone) {
        return Instant.ofEpochMilli(millis).atZone(zone);
    }

    private static int amount(JsonNode node, String where) {
        JsonNode amount = node.get("amount");
        if (amount == null || !amount.isIntegralNumber() || !amount.canConvertToInt() || amount.intValue() < 1) {
            throw new IllegalArgumentException(where + ".amount must be an integer >= 1, got " + amount);
        }
        return amount.intValue();
    }

    private static Unit unit(JsonNode node, String where) {
        JsonNode unit = node.get("unit");
        if (unit != null && unit.isTextual()) {
            for (Unit u : Unit.values()) {
                if (u.name().toLowerCase(Locale.ROOT).equals(unit.asText())) {
                    return u;
                }
            }
        }
        throw new IllegalArgumentException(where + ".unit must be minutes, hours, days or months, got " + unit);
    }

    private static long instant(JsonNode at) {
        if (at == null || !at.isTextual()) {
            throw new IllegalArgumentException("timing.at must be an ISO-8601 instant with offset, got " + at);
        }
        try {
            return OffsetDateTime.parse(at.asText()).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("timing.at must be an ISO-8601 instant with offset, got " + at, e);
        }
    }

    @Override
    public String toString() {
        String timing = switch (mode) {
            case IMMEDIATE -> "immediate";
            case INTERVAL -> amount + " " + unit;
            case DATE -> "at " + Instant.ofEpochMilli(at);
        };
        return "StepTiming[" + timing + (window == null ? "" : ", " + window) + "]";
    }
}
