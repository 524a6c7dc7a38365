package io.leadstream.jobs.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * When a step may run: local time in [from, to) on one of the allowed weekdays, in the contact's
 * zone. Kept as seconds of day and a weekday bit mask so state holding it stays small.
 */
final class SendWindow implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int DAY_SECONDS = 86_400;
    private static final int ALL_DAYS = 0x7F;
    private static final Pattern HH_MM = Pattern.compile("^([01]\\d|2[0-3]):[0-5]\\d$");
    private static final List<String> DAY_NAMES = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
    /** Long enough for the rarest case: a single allowed weekday whose date a zone skipped (Apia, 2011). */
    private static final int SEARCH_DAYS = 15;

    private final int fromSecond;
    private final int toSecond;
    private final int dayMask;

    private SendWindow(int fromSecond, int toSecond, int dayMask) {
        this.fromSecond = fromSecond;
        this.toSecond = toSecond;
        this.dayMask = dayMask;
    }

    /** Null when there is no window, or one that is always open, so callers need a single "no window" check. */
    static SendWindow parse(JsonNode window) {
        if (window == null || window.isMissingNode() || window.isNull()) {
            return null;
        }
        if (!window.isObject()) {
            throw new IllegalArgumentException("window must be an object, got " + window);
        }
        int from = time(window, "from", 0);
        int to = time(window, "to", DAY_SECONDS);
        if (from >= to) {
            throw new IllegalArgumentException("window.from must be before window.to, got " + window);
        }
        int days = days(window.get("days"));
        return from == 0 && to == DAY_SECONDS && days == ALL_DAYS ? null : new SendWindow(from, to, days);
    }

    private static int time(JsonNode window, String name, int absent) {
        JsonNode node = window.get(name);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isTextual() || !HH_MM.matcher(node.asText()).matches()) {
            throw new IllegalArgumentException("window." + name + " must be HH:mm (00:00..23:59), got " + node);
        }
        return LocalTime.parse(node.asText()).toSecondOfDay();
    }

    private static int days(JsonNode days) {
        if (days == null || days.isNull()) {
            return ALL_DAYS;
        }
        if (!days.isArray() || days.isEmpty()) {
            throw new IllegalArgumentException("window.days must be a non-empty array of MON..SUN, got " + days);
        }
        int mask = 0;
        for (JsonNode day : days) {
            int index = day.isTextual() ? DAY_NAMES.indexOf(day.asText()) : -1;
            if (index < 0) {
                throw new IllegalArgumentException("window.days: unknown day " + day + " (expected MON..SUN)");
            }
            if ((mask & 1 << index) != 0) {
                throw new IllegalArgumentException("window.days: " + day + " listed twice");
            }
            mask |= 1 << index;
        }
        return mask;
    }

    /**
     * The earliest instant >= epochMillis whose local time is inside the window. The window opens
     * either when local time reaches `from` (twice on a fall-back day, both candidates) or at an
     * offset transition that jumps into it (a `from` inside a spring-forward gap opens when the gap
     * ends), so the answer is the first of those candidates that is inside.
     */
    long nextOpen(long epochMillis, ZoneId zone) {
        Instant now = Instant.ofEpochMilli(epochMillis);
        if (inside(now, zone)) {
            return epochMillis;
        }
        ZoneRules rules = zone.getRules();
        // A fall-back across midnight can give a later instant yesterday's date: start a day early.
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalTime from = LocalTime.ofSecondOfDay(fromSecond);
        Instant best = null;
        for (int i = -1; i <= SEARCH_DAYS; i++) {
            LocalDateTime opening = LocalDateTime.of(today.plusDays(i), from);
            for (ZoneOffset offset : rules.getValidOffsets(opening)) {
                best = earlier(best, opening.toInstant(offset), now, zone);
            }
        }
        Instant horizon = now.plusSeconds((SEARCH_DAYS + 1L) * DAY_SECONDS);
        for (ZoneOffsetTransition t = rules.nextTransition(now); t != null && t.getInstant().isBefore(horizon);
                t = rules.nextTransition(t.getInstant())) {
            best = earlier(best, t.getInstant(), now, zone);
        }
        if (best == null) {
            throw new IllegalStateException("window never opens in " + zone + " within " + SEARCH_DAYS + " days");
        }
        return best.toEpochMilli();
    }

    private Instant earlier(Instant best, Instant candidate, Instant now, ZoneId zone) {
        boolean usable = candidate.isAfter(now) && inside(candidate, zone);
        return usable && (best == null || candidate.isBefore(best)) ? candidate : best;
    }

    private boolean inside(Instant instant, ZoneId zone) {
        ZonedDateTime local = instant.atZone(zone);
        int second = local.toLocalTime().toSecondOfDay();
        boolean dayAllowed = (dayMask & 1 << (local.getDayOfWeek().getValue() - 1)) != 0;
        return dayAllowed && second >= fromSecond && second < toSecond;
    }

    @Override
    public String toString() {
        StringJoiner days = new StringJoiner(",");
        for (int i = 0; i < DAY_NAMES.size(); i++) {
            if ((dayMask & 1 << i) != 0) {
                days.add(DAY_NAMES.get(i));
            }
        }
        return "SendWindow[" + LocalTime.ofSecondOfDay(fromSecond) + "-"
                + (toSecond == DAY_SECONDS ? "24:00" : LocalTime.ofSecondOfDay(toSecond)) + " " + days + "]";
    }
}
