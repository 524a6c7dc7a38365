package io.leadstream.jobs.contact;

import io.leadstream.schemas.engine.CampaignLogEntry;
import io.leadstream.schemas.engine.ContactHandover;
import io.leadstream.schemas.engine.ContactView;
import io.leadstream.schemas.engine.PointTriggerFired;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.schemas.engine.SegmentMembershipChange;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.TrackingEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A round's output that also hands the events the round derives (points changed, a segment
 * entered or left) to the global webhooks that subscribe to them. Their ids come from what a
 * replay derives again: the contact's points sequence; the segment, the change and its time.
 */
final class WebhookedOutput implements RoundOutput {
    static final String POINTS_CHANGE = "points_change";
    static final String SEGMENT_CHANGE = "segment_change";

    private final RoundOutput out;
    private final GlobalWebhooks webhooks;
    private final String contactId;

    WebhookedOutput(RoundOutput out, GlobalWebhooks webhooks, String contactId) {
        this.out = out;
        this.webhooks = webhooks;
        this.contactId = contactId;
    }

    @Override
    public void points(PointsChange change) {
        out.points(change);
        Map<String, String> data = new LinkedHashMap<>();
        data.put("delta", Integer.toString(change.getDelta()));
        data.put("total", Integer.toString(change.getTotal()));
        if (change.getGroup() != null) {
            data.put("group", change.getGroup());
        }
        if (change.getCauseEventId() != null) {
            data.put("cause", change.getCauseEventId());
        }
        webhooks.derived(POINTS_CHANGE, contactId + ":points:" + change.getSequence(), change.getEventTime(), data,
                change.getEventTime().toEpochMilli(), contactId, out::send);
    }

    @Override
    public void segment(SegmentMembershipChange change) {
        out.segment(change);
        Map<String, String> data = new LinkedHashMap<>();
        data.put("segment", change.getSegmentId());
        data.put("change", change.getKind().name().toLowerCase(java.util.Locale.ROOT));
        data.put("manual", Boolean.toString(change.getManual()));
        webhooks.derived(SEGMENT_CHANGE, contactId + ":segment:" + change.getSegmentId() + ":" + data.get("change") + ":"
                + change.getEventTime().toEpochMilli(), change.getEventTime(), data, change.getEventTime().toEpochMilli(), contactId, out::send);
    }

    @Override
    public void fired(PointTriggerFired firing) {
        out.fired(firing);
    }

    @Override
    public void send(SendCommand command) {
        out.send(command);
    }

    @Override
    public void log(CampaignLogEntry entry) {
        out.log(entry);
    }

    @Override
    public void contactAction(TrackingEvent action) {
        out.contactAction(action);
    }

    @Override
    public void handover(ContactHandover handover) {
        out.handover(handover);
    }

    @Override
    public void view(ContactView view) {
        out.view(view);
    }

    @Override
    public long version() {
        return out.version();
    }
}
