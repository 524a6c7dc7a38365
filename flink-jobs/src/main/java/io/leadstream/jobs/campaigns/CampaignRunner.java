package io.leadstream.jobs.campaigns;

import io.leadstream.jobs.ContactActionEvents;
import io.leadstream.jobs.definitions.DefinitionJson;
import io.leadstream.jobs.definitions.DefinitionRecord;
import io.leadstream.jobs.definitions.DefinitionsBroadcast;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.engine.CampaignCommand;
import io.leadstream.schemas.engine.CampaignHandover;
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
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import io.leadstream.schemas.codec.TrustedRecords;
import io.leadstream.jobs.ErasureTombstone;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    public static final OutputTag<CampaignHandover> HANDOVERS = new OutputTag<>("campaign-handovers") {};

    static {
        TrustedRecords.install(); // Avro records in Flink's serializers
    }

    private static final Logger LOG = LoggerFactory.getLogger(CampaignRunner.class);
    private static final AvroCodec<TrackingEvent> EVENTS = AvroCodec.of(TrackingEvent.class);
    private static final AvroCodec<SegmentMembershipChange> SEGMENTS = AvroCodec.of(SegmentMembershipChange.class);
    private static final AvroCodec<CampaignCommand> COMMANDS = AvroCodec.of(CampaignCommand.class);

    private transient CampaignContact contact;
    private transient ErasureTombstone tombstone;
    private transient CampaignDefinitions definitions;

    @Override
    public void open(OpenContext openContext) {
        contact = new CampaignContact(getRuntimeContext());
        tombstone = new ErasureTombstone(getRuntimeContext());
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
        if (ErasureTombstone.erasesContact(signal.event)) {
            // Steps waiting for it are dropped with its state: nothing is sent to an erased person.
            Long timer = contact.timer.value();
            if (timer != null) {
                ctx.timerService().deleteEventTimeTimer(timer);
            }
            contact.clear();
            tombstone.erase(signal.event.getEventTime().toEpochMilli());
            return;
        }
        if (tombstone.erased()) {
            return;
        }
        String survivor = contact.mergedInto.value();
        if (survivor != null) {
            forward(signal, survivor, ctx);
            return;
        }
        if (signal.handover != null && contact.handovers.contains(signal.handover.getHandoverId())) {
            return; // applied already
        }
        CampaignRun run = new CampaignRun(definitions(ctx), contact, ctx.getCurrentKey(), out, sideOutputs(ctx));
        long now = signal.time();
        run.due(now); // what fell due before this signal happened first
        if (signal.merge != null) {
            handOver(signal, run, ctx);
            return;
        }
        if (signal.handover != null) {
            signal = adopt(signal.handover, run);
            if (signal == null) {
                runOverdue(run, ctx);
                run.finish(ctx.timerService(), contact.timer);
                return;
            }
        }
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
        runOverdue(run, ctx);
        run.finish(ctx.timerService(), contact.timer);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CampaignLogEntry> out) throws Exception {
        contact.timer.clear();
        CampaignRun run = new CampaignRun(definitions(ctx), contact, ctx.getCurrentKey(), out, sideOutputs(ctx));
        run.due(timestamp);
        runOverdue(run, ctx);
        run.finish(ctx.timerService(), contact.timer);
    }

    /**
     * Steps due at or before the watermark run now, each at its own instant: a timer registered for a
     * time the watermark has passed fires only when the watermark next moves, which at the end of a
     * bounded input (a dry run) or on a quiet replay is never. Steps handed over by a merged contact
     * are often overdue so.
     */
    private static void runOverdue(CampaignRun run, ReadOnlyContext ctx) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        for (Long next = run.nextDue(); next != null && next <= watermark; next = run.nextDue()) {
            run.due(next);
        }
    }

    /** Merged into {@code survivor}: the campaign state goes there (through the handover topic), and this key is done. */
    private void handOver(CampaignSignal signal, CampaignRun run, ReadOnlyContext ctx) throws Exception {
        String survivor = signal.merge.getContactId();
        long now = signal.time();
        Map<String, String> memberships = run.handOver(now, survivor);
        ctx.output(HANDOVERS, CampaignHandover.newBuilder().setHandoverId("merge:" + signal.merge.getChangeId())
                .setFromContactId(ctx.getCurrentKey()).setToContactId(survivor).setEventTime(Instant.ofEpochMilli(now))
                .setMemberships(memberships).setFacts(contact.handedFacts()).build());
        contact.clearAll();
        Long timer = contact.timer.value();
        if (timer != null) {
            ctx.timerService().deleteEventTimeTimer(timer);
            contact.timer.clear();
        }
        contact.mergedInto.update(survivor);
    }

    /**
     * Signals that still carry a merged contact's id go on to the survivor. Points changes do not: they
     * are the merged id's own totals (the points stage keeps them apart), not the survivor's.
     */
    private void forward(CampaignSignal signal, String survivor, ReadOnlyContext ctx) {
        CampaignHandover.Builder handover = CampaignHandover.newBuilder().setFromContactId(ctx.getCurrentKey()).setToContactId(survivor)
                .setEventTime(Instant.ofEpochMilli(signal.time()));
        if (signal.event != null) {
            ctx.output(HANDOVERS, handover.setHandoverId("event:" + signal.event.getEventId()).setEvent(ByteBuffer.wrap(EVENTS.encode(signal.event))).build());
        } else if (signal.segment != null) {
            SegmentMembershipChange c = signal.segment;
            ctx.output(HANDOVERS, handover.setHandoverId("segment:" + c.getContactId() + "/" + c.getSegmentId() + "/" + c.getKind() + "@"
                    + c.getEventTime().toEpochMilli()).setSegment(ByteBuffer.wrap(SEGMENTS.encode(c))).build());
        } else if (signal.handover != null || signal.command != null) {
            // A chain of merges, or a command for the merged id: on to the survivor too.
            CampaignHandover h = signal.handover;
            if (h != null) {
                ctx.output(HANDOVERS, CampaignHandover.newBuilder(h).setToContactId(survivor).build());
            } else {
                LOG.info("Campaign command {} for {}, merged into {}: applied to the survivor", signal.command.getCommandId(),
                        ctx.getCurrentKey(), survivor);
                ctx.output(HANDOVERS, handover.setHandoverId("command:" + signal.command.getCommandId()).setCommand(
                        ByteBuffer.wrap(COMMANDS.encode(signal.command))).build());
            }
        }
    }

    /** Applies a handover; what it forwards comes back as the signal to handle, or null when it handed over state. */
    private CampaignSignal adopt(CampaignHandover handover, CampaignRun run) throws Exception {
        contact.handovers.put(handover.getHandoverId(), true);
        if (handover.getEvent() != null) {
            return CampaignSignal.of(EVENTS.decode(bytes(handover.getEvent())));
        }
        if (handover.getSegment() != null) {
            return CampaignSignal.of(SEGMENTS.decode(bytes(handover.getSegment())));
        }
        if (handover.getCommand() != null) {
            return CampaignSignal.of(COMMANDS.decode(bytes(handover.getCommand())));
        }
        if (handover.getMemberships() != null) {
            for (Map.Entry<String, String> m : handover.getMemberships().entrySet()) {
                run.adopt(m.getKey(), DefinitionJson.read(m.getValue(), Membership.class));
            }
        }
        if (handover.getFacts() != null) {
            contact.adoptFacts(handover.getFacts());
        }
        return null;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
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
                if (!inAny(c.segmentSources)) {
                    run.leftSources(c, now, "left segment " + segment);
                }
            }
        }
    }

    private boolean inAny(Iterable<String> segments) throws Exception {
        for (String s : segments) {
            if (contact.segments.contains(s)) {
                return true;
            }
        }
        return false;
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
