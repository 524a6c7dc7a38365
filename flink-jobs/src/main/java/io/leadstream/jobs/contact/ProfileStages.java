package io.leadstream.jobs.contact;

import io.leadstream.jobs.segments.Facts;
import io.leadstream.schemas.contact.ContactActionEvents;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.schemas.profile.ContactProfile;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A contact's lifecycle stage in its profile: moved by actions (forward only), by the API (anywhere)
 * and by a merge. Each change is a row of the contact's timeline, from which the stage tables are
 * written, and a {@code stage_change} event for global webhooks.
 */
final class ProfileStages {
    private final ContactDefinitions defs;
    private final ContactProfile profile;
    private final String contactId;
    private final RoundOutput out;
    private final Set<String> changed;

    ProfileStages(ContactDefinitions defs, ContactProfile profile, String contactId, RoundOutput out, Set<String> changed) {
        this.defs = defs;
        this.profile = profile;
        this.contactId = contactId;
        this.out = out;
        this.changed = changed;
    }

    /** Into {@code stageId} (null: out of any); {@code forwardOnly} for an action's move. True when the stage changed. */
    boolean move(String stageId, boolean forwardOnly, String actionId, long at, String cause) {
        if (forwardOnly ? !defs.stages().forward(profile.getStage(), stageId) : Objects.equals(stageId, profile.getStage())) {
            return false;
        }
        String from = profile.getStage();
        profile.setStage(stageId);
        profile.setStageSince(at);
        changed.add(Facts.STAGE);
        row(stageId, from, actionId, at, cause);
        defs.webhooks().stageChanged(contactId, stageId, from, actionId, at, profile.getSegments().keySet(), out);
        return true;
    }

    /** The API's request, when {@code event} is one: any stage, or out of one ({@code from}: only if the contact is in it). True when the stage changed. */
    boolean byHand(TrackingEvent event, long now) {
        Map<String, String> request = event.getSource() == Source.API ? ContactActionEvents.properties(event, ContactActionEvents.STAGE) : null;
        if (request == null) {
            return false;
        }
        String eventId = event.getEventId();
        String target = request.get(ContactActionEvents.STAGE_ID);
        String onlyFrom = request.get(ContactActionEvents.STAGE_FROM);
        if (onlyFrom != null && !onlyFrom.isEmpty() && !onlyFrom.equals(profile.getStage())) {
            return false;
        }
        return move(target == null || target.isEmpty() ? null : target, false, eventId + ":stage", now, "by hand " + eventId);
    }

    /** A contact merged into this one: its stage when it is further along the funnel (the view is written after a merge anyway). */
    void adopt(ContactProfile loser, String cause, long now) {
        if (loser.getStage() != null) {
            move(loser.getStage(), true, cause + ":stage", now, cause);
        }
    }

    /** This id lost a merge: its stage goes with the profile to the survivor, and this id leaves it. */
    void handOver(String changeId, long now, String why) {
        if (profile.getStage() != null) {
            row(null, profile.getStage(), "merge:" + changeId + ":stage", now, why);
        }
    }

    private void row(String to, String from, String actionId, long at, String cause) {
        out.contactAction(ContactActionEvents.of(actionId, contactId, at, ContactActionEvents.STAGE,
                Map.of(ContactActionEvents.STAGE_ID, to == null ? "" : to, ContactActionEvents.STAGE_FROM, from == null ? "" : from),
                Map.of(), cause));
    }
}
