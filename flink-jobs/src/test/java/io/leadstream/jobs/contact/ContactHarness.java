package io.leadstream.jobs.contact;

import io.leadstream.jobs.definitions.DefinitionRecord;
import io.leadstream.jobs.segments.BackfillProgress;
import io.leadstream.schemas.engine.CampaignLogEntry;
import io.leadstream.schemas.engine.CompanyCommand;
import io.leadstream.schemas.engine.ContactChange;
import io.leadstream.schemas.engine.ContactHandover;
import io.leadstream.schemas.engine.DeliveryResult;
import io.leadstream.schemas.engine.ContactView;
import io.leadstream.schemas.engine.IdentityChange;
import io.leadstream.schemas.engine.IdentityChangeKind;
import io.leadstream.schemas.engine.PointTriggerFired;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.schemas.engine.SegmentCommand;
import io.leadstream.schemas.engine.SegmentCommandAction;
import io.leadstream.schemas.engine.SegmentMembershipChange;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.EventContext;
import io.leadstream.schemas.event.PageHit;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.schemas.profile.ContactProfile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/** The contact processor in Flink's keyed two-input harness, with short ways to feed it and read what it did. */
final class ContactHarness implements AutoCloseable {
    final KeyedTwoInputStreamOperatorTestHarness<String, ContactSignal, DefinitionRecord, SegmentMembershipChange> harness;
    private final ContactOperator operator;
    private int events;

    ContactHarness() throws Exception {
        this(ProfileSettings.defaults(), null);
    }

    /** {@code restore}: a snapshot of an earlier harness, to continue from. */
    ContactHarness(ProfileSettings settings, OperatorSubtaskState restore) throws Exception {
        operator = new ContactOperator(settings, Map.of());
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(operator, ContactSignal::contactId, null, Types.STRING);
        harness.setup();
        if (restore != null) {
            harness.initializeState(restore);
        }
        harness.open();
        // The definitions side is idle, so it neither holds time back nor moves it (TimelessWatermarks), as in the job.
        harness.processWatermarkStatus2(WatermarkStatus.IDLE);
    }

    /** A definition ({@code json} null: deleted); {@code revision}: its offset in the definitions topic. */
    void define(String kind, String id, String json, long revision) throws Exception {
        DefinitionRecord d = new DefinitionRecord(kind, id, json);
        d.revision = revision;
        harness.processElement2(d, 0);
    }

    void define(String kind, String id, String json) throws Exception {
        define(kind, id, json, -1);
    }

    /** A segment with these filters ({@code filtersJson} null: deleted). */
    void segment(String id, String filtersJson) throws Exception {
        define("segments", id, filtersJson == null ? null : "{\"id\": \"" + id + "\", \"name\": \"" + id + "\", \"filters\": " + filtersJson + "}");
    }

    void campaign(String json) throws Exception {
        define("campaigns", json.replaceAll("(?s).*?\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1"), json);
    }

    void event(TrackingEvent e) throws Exception {
        harness.processElement1(ContactSignal.of(e), e.getEventTime().toEpochMilli());
    }

    /** A trackable tracker event with a generated id. */
    TrackingEvent event(String contact, long at, Map<String, String> fields, Object payload) throws Exception {
        return event(contact, at, fields, payload, true);
    }

    TrackingEvent event(String contact, long at, Map<String, String> fields, Object payload, boolean trackable) throws Exception {
        TrackingEvent e = TrackingEvent.newBuilder().setEventId("e" + ++events).setEventTime(Instant.ofEpochMilli(at))
                .setSource(Source.TRACKER).setContactId(contact).setFields(fields)
                .setContext(EventContext.newBuilder().setTrackable(trackable).setTimezone(fields.get("_tz")).build())
                .setPayload(payload).build();
        event(e);
        return e;
    }

    TrackingEvent visit(String contact, String url, long at) throws Exception {
        return event(contact, at, Map.of(), PageHit.newBuilder().setUrl(url).build());
    }

    void command(String contact, String segment, SegmentCommandAction action, long at) throws Exception {
        harness.processElement1(ContactSignal.of(SegmentCommand.newBuilder().setCommandId("cmd-" + ++events).setContactId(contact)
                .setSegmentId(segment).setAction(action).setRequestedAt(Instant.ofEpochMilli(at)).build()), at);
    }

    /** The identity changelog says {@code loser} was merged into {@code survivor}. */
    void merge(String loser, String survivor, long at) throws Exception {
        harness.processElement1(ContactSignal.of(IdentityChange.newBuilder().setChangeId("m-" + loser).setEventTime(Instant.ofEpochMilli(at))
                .setKind(IdentityChangeKind.MERGED).setContactId(survivor).setMergedContactId(loser).build()), at);
    }

    /** Delivers the handovers emitted from position {@code from} on, as the handover topic would; the next position. */
    int deliverHandovers(int from) throws Exception {
        List<ContactHandover> all = handovers();
        for (ContactHandover h : all.subList(from, all.size())) {
            harness.processElement1(ContactSignal.of(h), h.getEventTime().toEpochMilli());
        }
        return all.size();
    }

    /** A message from another key or the company processor, as the handover topic delivers it. */
    void handover(ContactHandover h) throws Exception {
        harness.processElement1(ContactSignal.of(h), h.getEventTime().toEpochMilli());
    }

    List<CompanyCommand> companyCommands() {
        return side(ContactOutputs.COMPANY_COMMANDS);
    }

    void delivered(DeliveryResult result) throws Exception {
        harness.processElement1(ContactSignal.of(result), result.getEventTime().toEpochMilli());
    }

    void watermark(long at) throws Exception {
        harness.processWatermark1(new Watermark(at));
    }

    ContactProfile profile(String contact) throws Exception {
        harness.getOperator().setCurrentKey(contact);
        return harness.getOperator().getKeyedStateStore().getState(ContactOperator.PROFILE).value();
    }

    long evaluations() {
        return operator.evaluations();
    }

    int timers() {
        return harness.numEventTimeTimers();
    }

    OperatorSubtaskState snapshot() throws Exception {
        return harness.snapshot(1, 1);
    }

    List<SegmentMembershipChange> changes() {
        return harness.getOutput().stream().filter(o -> o instanceof StreamRecord<?>)
                .map(o -> (SegmentMembershipChange) ((StreamRecord<?>) o).getValue()).toList();
    }

    List<PointsChange> points() {
        return side(ContactOutputs.POINTS);
    }

    List<PointTriggerFired> fired() {
        return side(ContactOutputs.FIRED);
    }

    List<ContactChange> profileChanges() {
        return side(ContactOutputs.CONTACT_CHANGES);
    }

    List<SendCommand> sends() {
        return side(ContactOutputs.SENDS);
    }

    List<CampaignLogEntry> log() {
        return side(ContactOutputs.CAMPAIGN_LOG);
    }

    List<TrackingEvent> contactActions() {
        return side(ContactOutputs.CONTACT_ACTIONS);
    }

    List<ContactHandover> handovers() {
        return side(ContactOutputs.HANDOVERS);
    }

    List<ContactView> views() {
        return this.<ContactRow>side(ContactOutputs.ROWS).stream().filter(r -> r.view != null).map(r -> r.view).toList();
    }

    List<BackfillProgress> progress() {
        return side(ContactOutputs.BACKFILL_PROGRESS);
    }

    private <T> List<T> side(OutputTag<T> tag) {
        Queue<StreamRecord<T>> q = harness.getSideOutput(tag);
        return q == null ? List.of() : q.stream().map(StreamRecord::getValue).toList();
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
