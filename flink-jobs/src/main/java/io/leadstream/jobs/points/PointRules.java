package io.leadstream.jobs.points;

import io.leadstream.schemas.profile.ActionCounter;

/**
 * A point action's rules over the contact's counter for that action: any hit, the first time, the
 * Nth hit (every Nth when repeatable), a return within or after a window of the previous hit; and
 * at most once per contact unless repeatable.
 */
public final class PointRules {
    private PointRules() {}

    /** Counts the hit in {@code counter} and says whether this one earns the action's points. */
    public static boolean qualifies(PointsDefinitions.Action action, ActionCounter counter, long time) {
        PointActionDef def = action.def();
        long count = counter.getHits() + 1;
        long previous = counter.getLastHit();
        boolean seenBefore = counter.getHits() > 0;
        counter.setHits(count);
        counter.setLastHit(Math.max(previous, time));
        boolean rule = switch (def.ruleOrAny()) {
            case "first_time" -> count == 1;
            case "hits" -> def.repeatable() ? count % def.hits() == 0 : count == def.hits();
            case "returns_within" -> seenBefore && time - previous <= action.window().toMillis();
            case "returns_after" -> seenBefore && time - previous > action.window().toMillis();
            default -> true;
        };
        if (!rule || (!def.repeatable() && counter.getApplied())) {
            return false;
        }
        counter.setApplied(true);
        return true;
    }

    /**
     * Whether a trigger fires as a score goes from {@code before} to {@code after}: edge-wise, on the
     * way up through its threshold, once ({@code alreadyFired}) unless it re-arms below the threshold.
     */
    public static boolean fires(PointTriggerDef trigger, int before, int after, boolean alreadyFired) {
        return after >= trigger.threshold() && before < trigger.threshold() && !alreadyFired;
    }

    /** Whether the trigger is armed again: it re-arms "below" and the score dropped under its threshold. */
    public static boolean rearms(PointTriggerDef trigger, int after) {
        return trigger.rearmsBelow() && after < trigger.threshold();
    }
}
