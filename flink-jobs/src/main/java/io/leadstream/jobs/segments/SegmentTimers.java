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
    static Long next(SegmentDefinitions defs, ContactSnapshot facts, long now) {
        Long next = null;
        for (BehaviorFilter b : defs.behaviors) {
            if (b.windowed()) {
                List<Long> times = facts.behaviorTimes(b.key());
                if (times != null) {
                    for (long t : times) {
                        next = earliest(next, t + b.windowMillis() + 1, now);
                    }
                }
            }
        }
        for (CompiledSegment s : defs.ordered) {
            for (CompiledFilter f : s.filters()) {
                next = earliest(next, forFilter(f, facts, now), now);
            }
        }
        return next;
    }

    private static Long forFilter(CompiledFilter f, ContactFacts facts, long now) {
        String kind = f.def().kind();
        if ("last_active".equals(kind)) {
            Long lastActive = facts.lastActive();
            if (lastActive == null) {
                return null;
            }
            if (f.lastActiveForward() != null) {
                // lastActive >= now - d flips when now passes lastActive + d.
                Long d = RelativeDates.resolve(f.lastActiveForward(), lastActive, facts.zone());
                return d == null ? null : d + 1;
            }
            return nextMidnight(facts, now);
        }
        if ("field".equals(kind) && f.value() != null && f.value().calendarDate() && f.def().value().isTextual()) {
            return nextMidnight(facts, now);
        }
        return null;
    }

    private static long nextMidnight(ContactFacts facts, long now) {
        return Instant.ofEpochMilli(now).atZone(facts.zone()).truncatedTo(ChronoUnit.DAYS).plusDays(1).toInstant().toEpochMilli();
    }

    private static Long earliest(Long current, Long candidate, long now) {
        if (candidate == null || candidate <= now) {
            return current;
        }
        return current == null ? candidate : Math.min(current, candidate);
    }
}
