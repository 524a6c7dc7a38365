package io.leadstream.jobs.contact;

import io.leadstream.jobs.campaigns.CampaignHost;
import io.leadstream.jobs.campaigns.CampaignRun;
import io.leadstream.jobs.points.PointRules;
import io.leadstream.jobs.points.PointTriggerDef;
import io.leadstream.jobs.points.PointsDefinitions;
import io.leadstream.jobs.points.ScoredEvent;
import io.leadstream.jobs.segments.Facts;
import io.leadstream.schemas.contact.ContactActionEvents;
import io.leadstream.schemas.engine.PointTriggerFired;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.schemas.profile.ActionCounter;
import io.leadstream.schemas.profile.ContactProfile;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A round's points: the point actions an event qualifies for, each change of a score (noted in
 * {@code changed} for the segment index, and sent out), and the triggers a change fires or re-arms,
 * whose actions run on the round ({@code host}) at once.
 */
final class ProfilePoints {
    private final ContactDefinitions defs;
    private final ContactProfile profile;
    private final String contactId;
    private final RoundOutput out;
    private final Set<String> changed;
    private final CampaignHost host;
    private final CampaignRun campaigns;

    ProfilePoints(ContactDefinitions defs, ContactProfile profile, String contactId, RoundOutput out, Set<String> changed,
                  CampaignHost host, CampaignRun campaigns) {
        this.defs = defs;
        this.profile = profile;
        this.contactId = contactId;
        this.out = out;
        this.changed = changed;
        this.host = host;
        this.campaigns = campaigns;
    }

    /** The points one of the contact's events scores at {@code now}; true when a score changed (the view shows them). */
    boolean score(TrackingEvent event, long now) {
        Map<String, String> adjust = ContactActionEvents.properties(event, ContactActionEvents.POINTS);
        if (adjust != null) {
            // An adjustment made to the contact (recorded before campaigns applied theirs directly).
            adjust(adjust.get(ContactActionEvents.POINTS_GROUP), Integer.parseInt(adjust.get(ContactActionEvents.POINTS_DELTA)),
                    event.getContext().getNonTrackableReason(), event.getEventId(), now);
            return true;
        }
        ScoredEvent scored = ScoredEvent.of(event);
        if (scored == null) {
            return false;
        }
        boolean scoredAny = false;
        for (PointsDefinitions.Action action : defs.points().matching(scored)) {
            var def = action.def();
            ActionCounter counter = profile.getActionCounters().computeIfAbsent(def.id(), id -> new ActionCounter(0L, 0L, false));
            if (PointRules.qualifies(action, counter, now)) {
                adjust(def.group(), def.points(), def.id(), event.getEventId(), now);
                scoredAny = true;
            }
        }
        return scoredAny;
    }

    /** Changes a score by {@code delta}; the view changes with it. */
    void adjust(String group, int delta, String actionId, String causeEventId, long now) {
        int before = Profiles.score(profile, group);
        int after = before + delta;
        Profiles.setScore(profile, group, after);
        profile.setPointsSequence(profile.getPointsSequence() + 1);
        // Constructors, not builders: a builder copies each field's default first, on the path every point change takes.
        PointsChange change = new PointsChange(contactId, Instant.ofEpochMilli(now), delta, after, group, actionId, causeEventId,
                profile.getPointsSequence());
        out.points(change);
        defs.webhooks().pointsChanged(change, profile.getSegments().keySet(), out);
        changed.add(Facts.points(group));
        checkTriggers(group, before, after, causeEventId, now);
    }

    /** The triggers of {@code group} that a score going from {@code before} to {@code after} fires or re-arms. */
    void checkTriggers(String group, int before, int after, String causeEventId, long now) {
        for (PointsDefinitions.Trigger trigger : defs.points().triggers(group)) {
            PointTriggerDef def = trigger.def();
            if (PointRules.rearms(def, after)) {
                int at = profile.getTriggersFired().indexOf(def.id()); // by position: an Avro array's iterator cannot remove
                if (at >= 0) {
                    profile.getTriggersFired().remove(at);
                }
            } else if (PointRules.fires(def, before, after, profile.getTriggersFired().contains(def.id()))) {
                profile.getTriggersFired().add(def.id());
                fire(trigger, after, causeEventId, now);
            }
        }
    }

    /** A trigger's actions, with ids from the firing and the action's position: a replayed firing repeats them. */
    private void fire(PointsDefinitions.Trigger trigger, int score, String causeEventId, long now) {
        PointTriggerDef def = trigger.def();
        String firingId = def.id() + ":" + contactId + "@" + causeEventId;
        out.fired(PointTriggerFired.newBuilder().setFiringId(firingId).setContactId(contactId).setTriggerId(def.id())
                .setEventTime(Instant.ofEpochMilli(now)).setScore(score).setGroup(def.group()).setActions(trigger.actionsJson())
                .setCauseEventId(causeEventId).build());
        TriggerActions.run(def, firingId, now, contactId, host, campaigns);
    }
}
