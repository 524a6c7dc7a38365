package io.leadstream.jobs.campaigns;

import io.leadstream.jobs.definitions.DefinitionRecord;
import io.leadstream.jobs.definitions.DefinitionsBroadcast;
import io.leadstream.schemas.engine.CampaignCommand;
import io.leadstream.schemas.engine.CampaignCommandAction;
import io.leadstream.schemas.engine.CampaignHandover;
import io.leadstream.schemas.engine.CampaignLogEntry;
import io.leadstream.schemas.engine.IdentityChange;
import io.leadstream.schemas.engine.IdentityChangeKind;
import io.leadstream.schemas.engine.MembershipChangeKind;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.schemas.engine.SegmentCommand;
import io.leadstream.schemas.engine.SegmentMembershipChange;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.EventContext;
import io.leadstream.schemas.event.PageHit;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.OutputTag;

/** The campaign runner in Flink's keyed broadcast harness, with short ways to feed it and read what it did. */
final class CampaignHarness implements AutoCloseable {
    final KeyedBroadcastOperatorTestHarness<String, CampaignSignal, DefinitionRecord, CampaignLogEntry> harness;
    private long sequence;
    private int events;

    CampaignHarness() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new CampaignRunner(),
                CampaignSignal::contactId, Types.STRING, DefinitionsBroadcast.STATE);
    }

    void campaign(String json) throws Exception {
        String id = json.replaceAll("(?s).*?\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        harness.processBroadcastElement(new DefinitionRecord(CampaignDefinitions.KIND, id, json), 0);
    }

    void entered(String contact, String segment, Instant at) throws Exception {
        membership(contact, segment, at, MembershipChangeKind.ENTERED);
    }

    void left(String contact, String segment, Instant at) throws Exception {
        membership(contact, segment, at, MembershipChangeKind.LEFT);
    }

    private void membership(String contact, String segment, Instant at, MembershipChangeKind kind) throws Exception {
        harness.processElement(CampaignSignal.of(SegmentMembershipChange.newBuilder().setContactId(contact).setSegmentId(segment)
                .setEventTime(at).setKind(kind).build()), at.toEpochMilli());
    }

    void points(String contact, Instant at, int total) throws Exception {
        harness.processElement(CampaignSignal.of(PointsChange.newBuilder().setContactId(contact).setEventTime(at)
                .setDelta(0).setTotal(total).setActionId("a").setSequence(++sequence).build()), at.toEpochMilli());
    }

    void command(String contact, String campaign, CampaignCommandAction action, Instant at) throws Exception {
        harness.processElement(CampaignSignal.of(CampaignCommand.newBuilder().setCommandId("cmd-" + ++events).setContactId(contact)
                .setCampaignId(campaign).setAction(action).setRequestedAt(at).build()), at.toEpochMilli());
    }

    void event(String contact, Instant at, Map<String, String> fields, Object payload) throws Exception {
        event(contact, at, fields, payload, true);
    }

    void event(String contact, Instant at, Map<String, String> fields, Object payload, boolean trackable) throws Exception {
        harness.processElement(CampaignSignal.of(TrackingEvent.newBuilder().setEventId("e" + ++events).setEventTime(at)
                .setSource(Source.TRACKER).setContactId(contact).setFields(fields)
                .setContext(EventContext.newBuilder().setTrackable(trackable).setTimezone(fields.get("_tz")).build())
                .setPayload(payload).build()), at.toEpochMilli());
    }

    void visit(String contact, String url, Instant at) throws Exception {
        event(contact, at, Map.of(), PageHit.newBuilder().setUrl(url).build());
    }

    /** The identity changelog says {@code loser} was merged into {@code survivor}. */
    void merge(String loser, String survivor, Instant at) throws Exception {
        harness.processElement(CampaignSignal.of(IdentityChange.newBuilder().setChangeId("m-" + loser).setEventTime(at)
                .setKind(IdentityChangeKind.MERGED).setContactId(survivor).setMergedContactId(loser).build()), at.toEpochMilli());
    }

    /** Delivers the handovers emitted so far, as the handover topic would. */
    void deliverHandovers(int from) throws Exception {
        List<CampaignHandover> all = handovers();
        for (CampaignHandover h : all.subList(from, all.size())) {
            harness.processElement(CampaignSignal.of(h), h.getEventTime().toEpochMilli());
        }
    }

    List<CampaignHandover> handovers() {
        return side(CampaignRunner.HANDOVERS);
    }

    void watermark(Instant at) throws Exception {
        // The definitions side never holds time back (TimelessWatermarks), as in the job.
        harness.processBroadcastWatermark(Long.MAX_VALUE - 1);
        harness.processWatermark(at.toEpochMilli());
    }

    /** "contact email-id at instant" for every email send command so far. */
    List<String> emails() {
        return side(CampaignRunner.SEND_COMMANDS).stream().filter(c -> c.getEmailId() != null)
                .map(c -> c.getContactId() + " " + c.getEmailId() + " " + c.getDueTime()).toList();
    }

    List<SendCommand> sends() {
        return side(CampaignRunner.SEND_COMMANDS);
    }

    List<SegmentCommand> segmentCommands() {
        return side(CampaignRunner.SEGMENT_COMMANDS);
    }

    List<TrackingEvent> contactActions() {
        return side(CampaignRunner.CONTACT_ACTIONS);
    }

    /** "campaign/event OUTCOME" for every log entry so far, of one contact. */
    List<String> log(String contact) {
        return harness.extractOutputValues().stream().filter(e -> e.getContactId().equals(contact))
                .map(e -> e.getCampaignId() + "/" + e.getCampaignEventId() + " " + e.getOutcome()).toList();
    }

    List<CampaignLogEntry> entries() {
        return harness.extractOutputValues();
    }

    private <T> List<T> side(OutputTag<T> tag) {
        Queue<StreamRecord<T>> q = harness.getSideOutput(tag);
        return q == null ? List.of() : q.stream().map(StreamRecord::getValue).toList();
    }

    int timers() {
        return harness.numEventTimeTimers();
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
