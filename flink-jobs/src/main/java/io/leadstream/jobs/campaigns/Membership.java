package io.leadstream.jobs.campaigns;

import java.util.ArrayList;
import java.util.List;

/**
 * A contact's place in one campaign: which rotation (the how-many-th time it entered), whether it is
 * in now, and the steps it waits on: actions and conditions due at a time, decisions waiting for the
 * contact's activity until their timeout. Kept as JSON in keyed state.
 */
public final class Membership {
    public int rotation;
    public boolean active;
    public long enteredAt;
    public String source;
    public List<Step> steps = new ArrayList<>();

    /** One pending event of the tree. {@code dueAt} is Long.MAX_VALUE for a decision without a timeout. */
    public static final class Step {
        public String eventId;
        public long reachedAt;
        public long dueAt;
        public boolean waiting;

        public Step() {}

        Step(String eventId, long reachedAt, long dueAt, boolean waiting) {
            this.eventId = eventId;
            this.reachedAt = reachedAt;
            this.dueAt = dueAt;
            this.waiting = waiting;
        }
    }

    public Membership() {}

    static Membership entered(int rotation, long at, String source) {
        Membership m = new Membership();
        m.rotation = rotation;
        m.active = true;
        m.enteredAt = at;
        m.source = source;
        return m;
    }

    /** The earliest time a step is due, or null when none waits on time. */
    Long nextDue() {
        return steps.stream().map(s -> s.dueAt).filter(t -> t != Long.MAX_VALUE).min(Long::compare).orElse(null);
    }
}
