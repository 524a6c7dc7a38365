package io.leadstream.jobs.contact;

import io.leadstream.schemas.engine.CampaignLogEntry;
import io.leadstream.schemas.engine.CompanyCommand;
import io.leadstream.schemas.engine.ContactChange;
import io.leadstream.schemas.engine.ContactHandover;
import io.leadstream.schemas.engine.ContactView;
import io.leadstream.schemas.engine.PointTriggerFired;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.schemas.engine.SegmentMembershipChange;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.TrackingEvent;

/** Everything one round of the contact processor produces (the operator routes each to its output). */
interface RoundOutput {

    void points(PointsChange change);

    void segment(SegmentMembershipChange change);

    void fired(PointTriggerFired firing);

    void send(SendCommand command);

    void log(CampaignLogEntry entry);

    /** A change made to the contact (tags, a field, do-not-contact) as its event, for its timeline and profile rows. */
    void contactAction(TrackingEvent action);

    void handover(ContactHandover handover);

    /** A message for the company processor (keyed by company, or by domain for a match). */
    void company(CompanyCommand command);

    void view(ContactView view);

    /** The contact's profile after a change for the change stream ({@link ContactChanges}). */
    void contactChange(ContactChange change);

    /**
     * A write timestamp for the rows of a view (memberships, profile): increasing within the subtask,
     * and later than any an earlier attempt of the job wrote, since it follows the wall clock.
     */
    long version();
}
