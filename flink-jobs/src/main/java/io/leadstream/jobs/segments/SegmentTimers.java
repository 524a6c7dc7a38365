package io.leadstream.jobs.segments;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * When a contact's segments may next change with no event of its own: a counted behaviour leaves
 * its window, "last active" passes its relative date, or a calendar date ("today", "this week",
 * a field compared with a relative date) rolls over at the contact's midnight.
 */
final class SegmentTimers {
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
                next = earliest(next, forFilter(f, state, now), now);
            }
        }
        return next;
    }

    private static Long forFilter(CompiledFilter f, SegmentState state, long now) {
        String kind = f.def().kind();
        if ("last_active".equals(kind)) {
            Long lastActive = state.lastActive();
            if (lastActive == null) {
                return null;
            }
            if (f.lastActiveForward() != null) {
                // lastActive >= now - d flips when now passes lastActive + d.
                Long d = RelativeDates.resolve(f.lastActiveForward(), lastActive, state.zone());
                return d == null ? null : d + 1;
            }
            return nextMidnight(state, now);
        }
        if ("field".equals(kind) && f.value() != null && f.value().calendarDate() && f.def().value().isTextual()) {
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
