package io.leadstream.jobs.contact;

import io.leadstream.jobs.campaigns.CampaignEventCount;
import io.leadstream.jobs.campaigns.CampaignOutcomeDelta;
import io.leadstream.jobs.campaigns.CampaignStats;
import io.leadstream.jobs.definitions.DefinitionRecord;
import io.leadstream.jobs.segments.BackfillProgress;
import io.leadstream.schemas.engine.CampaignLogEntry;
import io.leadstream.schemas.engine.CompanyCommand;
import io.leadstream.schemas.engine.ContactChange;
import io.leadstream.schemas.engine.ContactHandover;
import io.leadstream.schemas.engine.DeliveryResult;
import io.leadstream.schemas.engine.IdentityChange;
import io.leadstream.schemas.engine.IdentityChangeKind;
import io.leadstream.schemas.engine.PointTriggerFired;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.schemas.engine.SegmentCommand;
import io.leadstream.schemas.engine.SegmentMembershipChange;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.TrackingEvent;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Everything keyed by contact after identity, in one operator: contact events, merges (keyed by the
 * contact merged away), segment commands and handovers in, with the definitions broadcast; points,
 * segment changes, trigger firings, sends, the campaign log and its counts, changes made to
 * contacts, handovers to other keys, rows for Cassandra (points changes and profile views), backfill progress and the
 * change stream out.
 */
public final class ContactStage {
    private ContactStage() {}

    public record Output(DataStream<SegmentMembershipChange> segmentChanges, DataStream<PointsChange> points,
                         DataStream<PointTriggerFired> fired, DataStream<SendCommand> sends, DataStream<CampaignLogEntry> campaignLog,
                         DataStream<CampaignEventCount> campaignStats, DataStream<TrackingEvent> contactActions,
                         DataStream<ContactHandover> handovers, DataStream<ContactRow> rows, DataStream<BackfillProgress> backfills,
                         DataStream<ContactChange> contactChanges, DataStream<CompanyCommand> companyCommands) {}

    public static Output apply(DataStream<TrackingEvent> contactEvents, DataStream<IdentityChange> identity, DataStream<SegmentCommand> commands,
                               DataStream<ContactHandover> handovers, DataStream<DefinitionRecord> definitions, ProfileSettings settings,
                               Map<String, String> initialDefinitions) {
        return apply(contactEvents, identity, commands, handovers, definitions, settings, initialDefinitions, null, null);
    }

    /**
     * {@code outcomesFromWorkers}: campaign log entries the send workers' results make (suppressed sends), or null;
     * {@code deliveries}: the send workers' results, whose emails sent reach their contact (its global webhooks), or null.
     */
    public static Output apply(DataStream<TrackingEvent> contactEvents, DataStream<IdentityChange> identity, DataStream<SegmentCommand> commands,
                               DataStream<ContactHandover> handovers, DataStream<DefinitionRecord> definitions, ProfileSettings settings,
                               Map<String, String> initialDefinitions, DataStream<CampaignLogEntry> outcomesFromWorkers,
                               DataStream<DeliveryResult> deliveries) {
        TypeInformation<ContactSignal> signal = TypeInformation.of(ContactSignal.class);
        DataStream<ContactSignal> events = contactEvents.map(ContactSignal::of, signal).name("contact-signal-events").uid("contact-signal-events");
        DataStream<ContactSignal> merges = identity.filter(c -> c.getKind() == IdentityChangeKind.MERGED && c.getMergedContactId() != null)
                .name("contact-merges").uid("contact-merges")
                .map(ContactSignal::of, signal).name("contact-signal-merges").uid("contact-signal-merges");
        DataStream<ContactSignal> byHand = commands.map(ContactSignal::of, signal).name("contact-signal-commands").uid("contact-signal-commands");
        DataStream<ContactSignal> handedOver = handovers.map(ContactSignal::of, signal).name("contact-signal-handovers")
                .uid("contact-signal-handovers");
        DataStream<ContactSignal> signals = events.union(merges, byHand, handedOver);
        if (deliveries != null) {
            signals = signals.union(deliveries.filter(GlobalWebhooks::isEmailSent)
                    .name("emails-sent").uid("emails-sent")
                    .map(ContactSignal::of, signal).name("contact-signal-deliveries").uid("contact-signal-deliveries"));
        }
        SingleOutputStreamOperator<SegmentMembershipChange> processed = signals
                .keyBy(ContactSignal::contactId)
                .connect(definitions.broadcast())
                .transform("contact-processor", TypeInformation.of(SegmentMembershipChange.class), new ContactOperator(settings, initialDefinitions))
                .uid("contact-processor");
        DataStream<CampaignLogEntry> decided = processed.getSideOutput(ContactOutputs.CAMPAIGN_LOG);
        DataStream<CampaignLogEntry> log = outcomesFromWorkers == null ? decided : decided.union(outcomesFromWorkers);
        DataStream<CampaignEventCount> stats = log.flatMap(CampaignOutcomeDelta::of, TypeInformation.of(CampaignOutcomeDelta.class))
                .name("campaign-outcome-deltas").uid("campaign-outcome-deltas")
                .keyBy(CampaignOutcomeDelta::key)
                .process(new CampaignStats(), TypeInformation.of(CampaignEventCount.class))
                .name("campaign-stats").uid("campaign-stats");
        return new Output(processed, processed.getSideOutput(ContactOutputs.POINTS), processed.getSideOutput(ContactOutputs.FIRED),
                processed.getSideOutput(ContactOutputs.SENDS), log, stats, processed.getSideOutput(ContactOutputs.CONTACT_ACTIONS),
                processed.getSideOutput(ContactOutputs.HANDOVERS), processed.getSideOutput(ContactOutputs.ROWS),
                processed.getSideOutput(ContactOutputs.BACKFILL_PROGRESS), processed.getSideOutput(ContactOutputs.CONTACT_CHANGES),
                processed.getSideOutput(ContactOutputs.COMPANY_COMMANDS));
    }
}
