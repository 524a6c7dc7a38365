package io.leadstream.jobs.contact;

import io.leadstream.schemas.profile.ActionCounter;
import io.leadstream.schemas.profile.ContactProfile;
import io.leadstream.schemas.profile.DoNotContactEntry;
import io.leadstream.schemas.profile.FieldValue;
import io.leadstream.schemas.profile.ManualMembership;
import java.util.Map;

/**
 * Folds a merged contact's profile into its survivor's, in one step: points add (the total and each
 * group), tags and do-not-contact unite (the stricter reason wins), each field takes the newest
 * non-empty value by event time, behaviour counts add up, manual segment choices keep the newer,
 * fired triggers and point-rule counters carry over. Segment memberships are not copied: the caller
 * evaluates them again on the merged profile; campaign memberships are the campaign run's to adopt.
 */
final class ProfileMerge {
    private ProfileMerge() {}

    static void fold(ContactProfile into, ContactProfile from, ProfileSettings settings) {
        into.setIdentified(into.getIdentified() || from.getIdentified());
        into.setFirstSeen(min(into.getFirstSeen(), from.getFirstSeen()));
        into.setLastSeen(max(into.getLastSeen(), from.getLastSeen()));
        into.setLastActive(max(into.getLastActive(), from.getLastActive()));
        if (into.getTimezone() == null) {
            into.setTimezone(from.getTimezone());
        }
        for (Map.Entry<String, FieldValue> f : from.getFields().entrySet()) {
            FieldValue mine = into.getFields().get(f.getKey());
            if (mine == null || f.getValue().getTime() > mine.getTime()) {
                into.getFields().put(f.getKey(), f.getValue());
            }
        }
        into.setPoints(into.getPoints() + from.getPoints());
        from.getGroupPoints().forEach((group, points) -> into.getGroupPoints().merge(group, points, Integer::sum));
        into.setPointsSequence(into.getPointsSequence() + from.getPointsSequence());
        for (Map.Entry<String, ActionCounter> c : from.getActionCounters().entrySet()) {
            ActionCounter mine = into.getActionCounters().get(c.getKey());
            ActionCounter theirs = c.getValue();
            if (mine == null) {
                into.getActionCounters().put(c.getKey(), theirs);
            } else {
                mine.setHits(mine.getHits() + theirs.getHits());
                mine.setLastHit(Math.max(mine.getLastHit(), theirs.getLastHit()));
                mine.setApplied(mine.getApplied() || theirs.getApplied());
            }
        }
        for (String trigger : from.getTriggersFired()) {
            if (!into.getTriggersFired().contains(trigger)) {
                into.getTriggersFired().add(trigger);
            }
        }
        for (String email : from.getSegmentEmails()) { // a segment email either id was queued stays queued: it goes once to the person
            if (!into.getSegmentEmails().contains(email)) {
                into.getSegmentEmails().add(email);
            }
        }
        from.getTags().forEach(t -> Profiles.addTag(into, t));
        for (Map.Entry<String, DoNotContactEntry> d : from.getDoNotContact().entrySet()) {
            DoNotContactEntry mine = into.getDoNotContact().get(d.getKey());
            into.getDoNotContact().put(d.getKey(), mine == null ? d.getValue() : Profiles.stricter(mine, d.getValue()));
        }
        for (Map.Entry<String, ManualMembership> m : from.getManual().entrySet()) {
            ManualMembership mine = into.getManual().get(m.getKey());
            if (mine == null || m.getValue().getTime() > mine.getTime()) {
                into.getManual().put(m.getKey(), m.getValue());
            }
        }
        BehaviorSummary.merge(into.getBehavior(), from.getBehavior(), settings);
        from.getForms().forEach(into.getForms()::putIfAbsent);
        for (String id : from.getMergedIds()) {
            if (!into.getMergedIds().contains(id)) {
                into.getMergedIds().add(id);
            }
        }
    }

    private static Long min(Long a, Long b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return Math.min(a, b);
    }

    private static Long max(Long a, Long b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return Math.max(a, b);
    }
}
