package io.leadstream.jobs.segments;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;

/**
 * When a contact's segments may next change with no event of its own: a counted day of behaviour
 * leaves its window, "last active" passes its relative date, or a calendar date ("today", "this
 * week", a field compared with a relative date) rolls over at the contact's midnight. One instant
 * per contact, the earliest: its timer.
 */
public final class SegmentTimers {
    private SegmentTimers() {}

    /** The earliest such time after {@code now} over the segments at {@code positions} (of those, the clock-dependent ones count), or null. */
    public static Long next(SegmentDefinitions defs, BitSet positions, ContactFacts facts, long now) {
        Long next = null;
        for (int i = positions.nextSetBit(0); i >= 0; i = positions.nextSetBit(i + 1)) {
            next = earliest(next, next(defs.at(i), facts, now), now);
        }
        return next;
    }

    /** When one segment's answer can next change after {@code now} with no event, or null. */
    public static Long next(CompiledSegment segment, ContactFacts facts, long now) {
        Long next = null;
        for (CompiledFilter f : segment.leaves()) {
            next = earliest(next, forFilter(f, facts, now), now);
        }
        return next;
    }

    private static Long forFilter(CompiledFilter f, ContactFacts facts, long now) {
        return switch (f.def().kind()) {
            case "behavior" -> f.behavior().windowMillis() == null ? null : facts.behaviorChange(f.behavior(), now);
            case "last_active" -> lastActive(f, facts, now);
            case "field" -> FilterFacts.clockDependent(f) ? nextMidnight(facts, now) : null;
            default -> null;
        };
    }

    private static Long lastActive(CompiledFilter f, ContactFacts facts, long now) {
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
