package io.leadstream.jobs.contact;

import io.leadstream.jobs.segments.SegmentTimers;
import io.leadstream.schemas.profile.ContactProfile;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * When a contact's time-dependent segments ("active in the last 7 days") can next change their
 * answer, kept as the profile's segment timer, and which of them are due when time reaches it. Works
 * on its round's sets: the segments evaluated since the last refresh, and those to evaluate next.
 */
final class SegmentClock {
    private final ContactDefinitions defs;
    private final ContactProfile profile;
    private final ProfileSettings settings;
    private final BitSet evaluated;
    private final BitSet dirty;
    /** After a clock step: the next instants of the time-dependent segments not due then, by position. */
    private Map<Integer, Long> clockInstants;

    SegmentClock(ContactDefinitions defs, ContactProfile profile, ProfileSettings settings, BitSet evaluated, BitSet dirty) {
        this.defs = defs;
        this.profile = profile;
        this.settings = settings;
        this.evaluated = evaluated;
        this.dirty = dirty;
    }

    /**
     * Works out again the next instant a time-dependent segment can change, after some were
     * evaluated: for those, from the facts; the others keep theirs. Before a clock step, the others'
     * instant is the contact's earlier one (if one of them moved later, the timer fires early and
     * finds nothing due); after one, each is known ({@link #moved}).
     */
    void refresh(long now) {
        BitSet which = defs.segments().clockDependent();
        which.and(evaluated);
        if (clockInstants == null && which.isEmpty()) {
            return;
        }
        Long current = profile.getSegmentTimer();
        if (clockInstants == null && current != null && current <= now) {
            which = defs.segments().clockDependent(); // an instant passed without its step: all of them again
        }
        Long next = SegmentTimers.next(defs.segments(), which, ProfileFacts.of(profile), now);
        if (clockInstants != null) {
            for (Map.Entry<Integer, Long> other : clockInstants.entrySet()) {
                if (!which.get(other.getKey()) && other.getValue() > now) {
                    next = next == null ? other.getValue() : Long.valueOf(Math.min(next, other.getValue()));
                }
            }
        } else if (current != null && current > now) {
            next = next == null ? current : Long.valueOf(Math.min(next, current));
        }
        profile.setSegmentTimer(next);
        clockInstants = null;
        evaluated.clear();
    }

    /**
     * Time moved to {@code now}, an instant the contact's timer was set for: the time-dependent
     * segments whose answer changes by now are marked to evaluate (at midnight, "active today" for
     * everyone active yesterday; not the other twenty windows), and the others' next instants kept.
     */
    void moved(long now) {
        BehaviorSummary.prune(profile.getBehavior(), now, settings);
        BitSet clock = defs.segments().clockDependent();
        ProfileFacts facts = ProfileFacts.of(profile);
        clockInstants = new HashMap<>();
        for (int i = clock.nextSetBit(0); i >= 0; i = clock.nextSetBit(i + 1)) {
            Long instant = SegmentTimers.next(defs.segments().at(i), facts, now - 1);
            if (instant != null && instant <= now) {
                dirty.set(i);
            } else if (instant != null) {
                clockInstants.put(i, instant);
            }
        }
    }
}
