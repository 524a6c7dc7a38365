package io.leadstream.jobs.segments;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

/**
 * When a contact's segments may next change with no event of its own: a counted behaviour leaves
 * its window, "last active" passes its relative date, or a calendar date ("today", "this week",
 * a field compared with a relative date) rolls over at the contact's midnight.
 */
final class SegmentTimers {
    private static final Pattern OFFSET = Pattern.compile("-\\d{1,5} (minute|hour|day|week|month|year)s?");

    private SegmentTimers() {}

    /** The earliest such time after {@code now}, or null. */
    static Long next(SegmentDefinitions defs, SegmentState state, long now) {
        Long next = null;
        for (BehaviorFilter b : defs.behaviors) {
            if (b.windowed()) {
                List<Long> times = SegmentState.unchecked(() -> state.behaviorTimes.get(b.key()));
                if (times != null) {
                    for (long t : times) {
                        next = earliest(next, t + b.windowMillis() + 1, now);
                    }
                }
            }
        }
        for (CompiledSegment s : defs.ordered) {
            for (CompiledFilter f : s.filters()) {
                next = earliest(next, forFilter(f.def(), state, now), now);
            }
        }
        return next;
    }

    private static Long forFilter(FilterDef f, SegmentState state, long now) {
        if ("last_active".equals(f.kind()) && state.lastActive() != null) {
            if (OFFSET.matcher(f.date()).matches()) {
                // lastActive >= now - d flips when now passes lastActive + d.
                Long d = RelativeDates.resolve("+" + f.date().substring(1), state.lastActive(), state.zone());
                return d == null ? null : d + 1;
            }
            return nextMidnight(state, now);
        }
        if ("field".equals(f.kind()) && f.value() != null && f.value().isTextual()
                && RelativeDates.resolve(f.value().asText(), now, state.zone()) != null
                && RelativeDates.isoDate(f.value().asText(), state.zone()) == null) {
            return nextMidnight(state, now);
        }
        return null;
    }

    private static long nextMidnight(SegmentState state, long now) {
        return Instant.ofEpochMilli(now).atZone(state.zone()).truncatedTo(ChronoUnit.DAYS).plusDays(1).toInstant().toEpochMilli();
    }

    private static Long earliest(Long current, Long candidate, long now) {
        if (candidate == null || candidate <= now) {
            return current;
        }
        return current == null ? candidate : Math.min(current, candidate);
    }
}
