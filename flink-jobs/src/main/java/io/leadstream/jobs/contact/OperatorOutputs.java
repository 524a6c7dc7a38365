package io.leadstream.jobs.contact;

import io.leadstream.jobs.io.WriteVersions;
import io.leadstream.jobs.segments.BackfillProgress;
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
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/** Routes the contact processor's products to its outputs (segment changes main, the rest side), stamped with the round's time. */
final class OperatorOutputs implements RoundOutput {
    private final Output<StreamRecord<SegmentMembershipChange>> output;
    private long timestamp;
    private final WriteVersions versions = new WriteVersions();

    OperatorOutputs(Output<StreamRecord<SegmentMembershipChange>> output) {
        this.output = output;
    }

    @Override
    public long version() {
        return versions.next();
    }

    void at(long time) {
        timestamp = time;
    }

    private <T> void side(OutputTag<T> tag, T value) {
        output.collect(tag, new StreamRecord<>(value, timestamp));
    }

    void progress(BackfillProgress p) {
        side(ContactOutputs.BACKFILL_PROGRESS, p);
    }

    @Override
    public void points(PointsChange change) {
        side(ContactOutputs.POINTS, change);
        side(ContactOutputs.ROWS, ContactRow.of(change));
    }

    @Override
    public void segment(SegmentMembershipChange change) {
        output.collect(new StreamRecord<>(change, timestamp));
    }

    @Override
    public void fired(PointTriggerFired firing) {
        side(ContactOutputs.FIRED, firing);
    }

    @Override
    public void send(SendCommand command) {
        side(ContactOutputs.SENDS, command);
    }

    @Override
    public void log(CampaignLogEntry entry) {
        side(ContactOutputs.CAMPAIGN_LOG, entry);
    }

    @Override
    public void contactAction(TrackingEvent action) {
        side(ContactOutputs.CONTACT_ACTIONS, action);
    }

    @Override
    public void handover(ContactHandover handover) {
        side(ContactOutputs.HANDOVERS, handover);
    }

    @Override
    public void company(CompanyCommand command) {
        side(ContactOutputs.COMPANY_COMMANDS, command);
    }

    @Override
    public void view(ContactView view) {
        side(ContactOutputs.ROWS, ContactRow.of(view));
    }

    @Override
    public void contactChange(ContactChange change) {
        side(ContactOutputs.CONTACT_CHANGES, change);
    }
}
