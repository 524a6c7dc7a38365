package io.leadstream.jobs.campaigns;

import io.leadstream.schemas.engine.CampaignCommand;
import io.leadstream.schemas.engine.CampaignHandover;
import io.leadstream.schemas.engine.IdentityChange;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.schemas.engine.SegmentMembershipChange;
import io.leadstream.schemas.event.TrackingEvent;

/**
 * What moves a contact through campaigns: one of its events (decisions, goals, form sources, facts),
 * a segment membership change (segment sources), a points change (facts), a campaign command
 * (add/remove), its merge into another contact (keyed by the merged one), or a handover from a
 * contact merged into it. Exactly one is set. A Flink POJO.
 */
public class CampaignSignal {
    public TrackingEvent event;
    public SegmentMembershipChange segment;
    public PointsChange points;
    public CampaignCommand command;
    public IdentityChange merge;
    public CampaignHandover handover;

    public CampaignSignal() {}

    public static CampaignSignal of(TrackingEvent event) {
        CampaignSignal s = new CampaignSignal();
        s.event = event;
        return s;
    }

    public static CampaignSignal of(SegmentMembershipChange segment) {
        CampaignSignal s = new CampaignSignal();
        s.segment = segment;
        return s;
    }

    public static CampaignSignal of(PointsChange points) {
        CampaignSignal s = new CampaignSignal();
        s.points = points;
        return s;
    }

    public static CampaignSignal of(CampaignCommand command) {
        CampaignSignal s = new CampaignSignal();
        s.command = command;
        return s;
    }

    public static CampaignSignal of(IdentityChange merge) {
        CampaignSignal s = new CampaignSignal();
        s.merge = merge;
        return s;
    }

    public static CampaignSignal of(CampaignHandover handover) {
        CampaignSignal s = new CampaignSignal();
        s.handover = handover;
        return s;
    }

    public String contactId() {
        if (merge != null) {
            return merge.getMergedContactId();
        }
        if (handover != null) {
            return handover.getToContactId();
        }
        if (event != null) {
            return event.getContactId();
        }
        if (segment != null) {
            return segment.getContactId();
        }
        return points != null ? points.getContactId() : command.getContactId();
    }

    public long time() {
        if (merge != null) {
            return merge.getEventTime().toEpochMilli();
        }
        if (handover != null) {
            return handover.getEventTime().toEpochMilli();
        }
        if (event != null) {
            return event.getEventTime().toEpochMilli();
        }
        if (segment != null) {
            return segment.getEventTime().toEpochMilli();
        }
        return (points != null ? points.getEventTime() : command.getRequestedAt()).toEpochMilli();
    }
}
