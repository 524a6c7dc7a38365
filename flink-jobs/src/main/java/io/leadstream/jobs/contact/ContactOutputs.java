package io.leadstream.jobs.contact;

import io.leadstream.jobs.segments.BackfillProgress;
import io.leadstream.schemas.engine.CampaignLogEntry;
import io.leadstream.schemas.engine.CompanyCommand;
import io.leadstream.schemas.engine.ContactChange;
import io.leadstream.schemas.engine.ContactHandover;
import io.leadstream.schemas.engine.PointTriggerFired;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.TrackingEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** The contact processor's side outputs (its main output is segment membership changes). */
public final class ContactOutputs {
    public static final OutputTag<PointsChange> POINTS = tag("points", PointsChange.class);
    public static final OutputTag<PointTriggerFired> FIRED = tag("point-triggers-fired", PointTriggerFired.class);
    public static final OutputTag<SendCommand> SENDS = tag("send-commands", SendCommand.class);
    public static final OutputTag<CampaignLogEntry> CAMPAIGN_LOG = tag("campaign-log", CampaignLogEntry.class);
    /** Changes made to contacts (tags, fields, do-not-contact) as their events, for their timeline and profile rows. */
    public static final OutputTag<TrackingEvent> CONTACT_ACTIONS = tag("contact-actions", TrackingEvent.class);
    public static final OutputTag<ContactHandover> HANDOVERS = tag("contact-handovers", ContactHandover.class);
    /** Rows written at checkpoints: every points change and the contact's view (ContactRow). */
    public static final OutputTag<ContactRow> ROWS = tag("contact-rows", ContactRow.class);
    /** The change stream: a contact's whole profile after a change of anything but its points (ContactChanges). */
    public static final OutputTag<ContactChange> CONTACT_CHANGES = tag("contact-changes", ContactChange.class);
    /** Messages for the company processor: joins, points, matches by email domain (ProfileCompanies). */
    public static final OutputTag<CompanyCommand> COMPANY_COMMANDS = tag("company-commands", CompanyCommand.class);
    public static final OutputTag<BackfillProgress> BACKFILL_PROGRESS = tag("segment-backfill-progress", BackfillProgress.class);

    private ContactOutputs() {}

    private static <T> OutputTag<T> tag(String id, Class<T> type) {
        return new OutputTag<>(id, TypeInformation.of(type));
    }
}
