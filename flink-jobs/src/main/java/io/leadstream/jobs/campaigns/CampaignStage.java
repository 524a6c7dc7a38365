package io.leadstream.jobs.campaigns;

import io.leadstream.jobs.definitions.DefinitionRecord;
import io.leadstream.schemas.engine.CampaignCommand;
import io.leadstream.schemas.engine.CampaignHandover;
import io.leadstream.schemas.engine.CampaignLogEntry;
import io.leadstream.schemas.engine.IdentityChange;
import io.leadstream.schemas.engine.IdentityChangeKind;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.schemas.engine.SegmentCommand;
import io.leadstream.schemas.engine.SegmentMembershipChange;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.TrackingEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Campaigns: contact events, segment changes, points changes, campaign commands, merges (from the
 * identity changelog) and handovers in, keyed by contact, with the broadcast definitions; the
 * campaign log, per-event counts, what campaigns do (sends, segment commands, changes to contacts)
 * and handovers to merge survivors out.
 */
public final class CampaignStage {
    private CampaignStage() {}

    public record Output(DataStream<CampaignLogEntry> log, DataStream<CampaignEventCount> stats, DataStream<SendCommand> sends,
                         DataStream<SegmentCommand> segmentCommands, DataStream<TrackingEvent> contactActions,
                         DataStream<CampaignHandover> handovers) {}

    public static Output apply(DataStream<TrackingEvent> contactEvents, DataStream<SegmentMembershipChange> segments,
                               DataStream<PointsChange> points, DataStream<CampaignCommand> commands,
                               DataStream<IdentityChange> identity, DataStream<CampaignHandover> handovers,
                               BroadcastStream<DefinitionRecord> definitions) {
        TypeInformation<CampaignSignal> signal = TypeInformation.of(CampaignSignal.class);
        DataStream<CampaignSignal> events = contactEvents.map(CampaignSignal::of, signal).name("campaign-signal-events").uid("campaign-signal-events");
        DataStream<CampaignSignal> memberships = segments.map(CampaignSignal::of, signal).name("campaign-signal-segments").uid("campaign-signal-segments");
        DataStream<CampaignSignal> scores = points.map(CampaignSignal::of, signal).name("campaign-signal-points").uid("campaign-signal-points");
        DataStream<CampaignSignal> byCommand = commands.map(CampaignSignal::of, signal).name("campaign-signal-commands").uid("campaign-signal-commands");
        DataStream<CampaignSignal> merges = identity.filter(c -> c.getKind() == IdentityChangeKind.MERGED && c.getMergedContactId() != null
                        && !c.getMergedContactId().equals(c.getContactId())) // a self-merge (recorded before it was dropped at the source) would loop
                .name("campaign-merges").uid("campaign-merges")
                .map(CampaignSignal::of, signal).name("campaign-signal-merges").uid("campaign-signal-merges");
        DataStream<CampaignSignal> handedOver = handovers.map(CampaignSignal::of, signal).name("campaign-signal-handovers").uid("campaign-signal-handovers");
        SingleOutputStreamOperator<CampaignLogEntry> log = events.union(memberships, scores, byCommand, merges, handedOver)
                .keyBy(CampaignSignal::contactId)
                .connect(definitions)
                .process(new CampaignRunner(), TypeInformation.of(CampaignLogEntry.class))
                .name("campaign-runner").uid("campaign-runner");
        DataStream<CampaignEventCount> stats = log.keyBy(CampaignStats::key)
                .process(new CampaignStats(), TypeInformation.of(CampaignEventCount.class))
                .name("campaign-stats").uid("campaign-stats");
        return new Output(log, stats, log.getSideOutput(CampaignRunner.SEND_COMMANDS), log.getSideOutput(CampaignRunner.SEGMENT_COMMANDS),
                log.getSideOutput(CampaignRunner.CONTACT_ACTIONS), log.getSideOutput(CampaignRunner.HANDOVERS));
    }
}
