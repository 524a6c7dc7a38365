package io.leadstream.jobs.campaigns;

import io.leadstream.jobs.ContactActionEvents;
import io.leadstream.jobs.definitions.DefinitionJson;
import io.leadstream.jobs.definitions.DefinitionRecord;
import io.leadstream.jobs.definitions.DefinitionsBroadcast;
import io.leadstream.schemas.engine.CampaignLogEntry;
import io.leadstream.schemas.engine.CampaignOutcome;
import io.leadstream.schemas.engine.MembershipChangeKind;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.schemas.engine.SegmentCommand;
import io.leadstream.schemas.engine.SegmentMembershipChange;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.EmailUnsubscribe;
import io.leadstream.schemas.event.FormSubmission;
import io.leadstream.schemas.event.TrackingEvent;
import java.time.Instant;
import java.util.Map;
import io.leadstream.schemas.codec.TrustedRecords;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The campaign stage, keyed by contact: moves each contact through the campaigns it is in. Entering
 * comes from a source segment, a source form or a command; actions and conditions run when due
 * (event-time timers for intervals, dates and send windows), decisions wait for the contact's own
 * activity after it reached them, until their timeout sends it down the "no" path. Leaving a source
 * segment or meeting a goal takes the contact out and drops what it waited on. Everything it does
 * is a log entry (main output); emails and webhooks, segment changes and changes to the contact are
 * side outputs, with ids derived from (campaign, event, contact, rotation) so a replay repeats them.
 */
public final class CampaignRunner extends KeyedBroadcastProcessFunction<String, CampaignSignal, DefinitionRecord, CampaignLogEntry> {
    public static final OutputTag<SendCommand> SEND_COMMANDS = new OutputTag<>("campaign-send-commands") {};
    public static final OutputTag<SegmentCommand> SEGMENT_COMMANDS = new OutputTag<>("campaign-segment-commands") {};
    public static final OutputTag<TrackingEvent> CONTACT_ACTIONS = new OutputTag<>("campaign-contact-actions") {};

    static {
        TrustedRecords.install(); // Avro records in Flink's serializers
    }

    private transient CampaignContact contact;
    private transient CampaignDefinitions definitions;

    @Override
    public void open(OpenContext openContext) {
        contact = new CampaignContact(getRuntimeContext());
    }

    @Override
    public void processBroadcastElement(DefinitionRecord definition, Context ctx, Collector<CampaignLogEntry> out) throws Exception {
        DefinitionsBroadcast.apply(ctx.getBroadcastState(DefinitionsBroadcast.STATE), definition);
        if (CampaignDefinitions.KIND.equals(definition.kind)) {
            definitions = null; // compiled again on the next signal
        }
    }

    @Override
    public void processElement(CampaignSignal signal, ReadOnlyContext ctx, Collector<CampaignLogEntry> out) throws Exception {
        CampaignRun run = new CampaignRun(definitions(ctx), contact, ctx.getCurrentKey(), out, sideOutputs(ctx));
        long now = signal.time();
        run.due(now); // what fell due before this signal happened first
        if (signal.event != null) {
            facts(signal.event);
            run.event(signal.event, now);
        } else if (signal.segment != null) {
            segment(signal.segment, run, now);
        } else if (signal.points != null) {
            points(signal.points);
        } else {
            switch (signal.command.getAction()) {
                case ADD -> run.enter(signal.command.getCampaignId(), now, "command " + signal.command.getCommandId());
                case REMOVE -> run.exit(signal.command.getCampaignId(), now, "command " + signal.command.getCommandId());
                default -> { }
            }
        }
        run.finish(ctx.timerService(), contact.timer);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CampaignLogEntry> out) throws Exception {
        contact.timer.clear();
        CampaignRun run = new CampaignRun(definitions(ctx), contact, ctx.getCurrentKey(), out, sideOutputs(ctx));
        run.due(timestamp);
        run.finish(ctx.timerService(), contact.timer);
    }

    private static CampaignRun.Outputs sideOutputs(ReadOnlyContext ctx) {
        return new CampaignRun.Outputs(c -> ctx.output(SEND_COMMANDS, c), c -> ctx.output(SEGMENT_COMMANDS, c),
                e -> ctx.output(CONTACT_ACTIONS, e));
    }

    private CampaignDefinitions definitions(ReadOnlyContext ctx) throws Exception {
        if (definitions == null) {
            definitions = CampaignDefinitions.from(ctx.getBroadcastState(DefinitionsBroadcast.STATE).immutableEntries());
        }
        return definitions;
    }

    /** What conditions read: fields, zone, do-not-contact, tags, the latest submission of each form. */
    private void facts(TrackingEvent event) throws Exception {
        for (Map.Entry<String, String> f : event.getFields().entrySet()) {
            if (f.getValue() == null || f.getValue().isBlank()) {
                continue;
            }
            contact.fields.put(f.getKey(), f.getValue().strip());
        }
        if (event.getContext() != null && event.getContext().getTimezone() != null) {
            contact.timezone.update(event.getContext().getTimezone());
        }
        Object payload = event.getPayload();
        if (payload instanceof EmailUnsubscribe) {
            contact.doNotContact.update(true);
        } else if (payload instanceof FormSubmission form) {
            contact.forms.put(form.getFormId(), DefinitionJson.write(form.getValues()));
        }
        Map<String, String> tags = ContactActionEvents.properties(event, ContactActionEvents.TAGS);
        if (tags != null) {
            for (String t : ContactActionEvents.list(tags.get(ContactActionEvents.TAGS_ADD))) {
                contact.tags.put(t, true);
            }
            for (String t : ContactActionEvents.list(tags.get(ContactActionEvents.TAGS_REMOVE))) {
                contact.tags.remove(t);
            }
        }
        Map<String, String> dnc = ContactActionEvents.properties(event, ContactActionEvents.DNC);
        if (dnc != null) {
            contact.doNotContact.update(Boolean.parseBoolean(dnc.get(ContactActionEvents.DNC_VALUE)));
        }
    }

    private void segment(SegmentMembershipChange change, CampaignRun run, long now) throws Exception {
        String segment = change.getSegmentId();
        if (change.getKind() == MembershipChangeKind.ENTERED) {
            contact.segments.put(segment, true);
            for (CompiledCampaign c : definitions.withSegmentSource(segment)) {
                run.enter(c.id, now, "segment " + segment);
            }
        } else if (change.getKind() == MembershipChangeKind.LEFT) {
            contact.segments.remove(segment);
            for (CompiledCampaign c : definitions.withSegmentSource(segment)) {
                if (c.segmentSources.stream().noneMatch(s -> CampaignRun.unchecked(() -> contact.segments.contains(s)))) {
                    run.leftSources(c, now, "left segment " + segment);
                }
            }
        }
    }

    private void points(PointsChange points) throws Exception {
        Long seq = contact.scoreSequence.value();
        if (seq != null && points.getSequence() <= seq) {
            return; // an older change, replayed
        }
        contact.scoreSequence.update(points.getSequence());
        contact.scores.put(points.getGroup() == null ? "" : points.getGroup(), points.getTotal());
    }

    static CampaignLogEntry log(String campaign, String event, String contactId, int rotation, long at, CampaignOutcome outcome,
                                Long scheduledFor, String detail) {
        return CampaignLogEntry.newBuilder().setCampaignId(campaign).setCampaignEventId(event).setContactId(contactId)
                .setRotation(rotation).setEventTime(Instant.ofEpochMilli(at)).setOutcome(outcome)
                .setScheduledFor(scheduledFor == null ? null : Instant.ofEpochMilli(scheduledFor)).setDetail(detail).build();
    }
}
