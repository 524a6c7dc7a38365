package io.leadstream.jobs.segments;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadstream.jobs.ContactActionEvents;
import io.leadstream.jobs.definitions.DefinitionJson;
import io.leadstream.jobs.definitions.DefinitionRecord;
import io.leadstream.jobs.definitions.DefinitionsBroadcast;
import io.leadstream.schemas.codec.TrustedRecords;
import io.leadstream.schemas.engine.MembershipChangeKind;
import io.leadstream.schemas.engine.PointTriggerFired;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.schemas.engine.SegmentCommand;
import io.leadstream.schemas.engine.SegmentMembershipChange;
import io.leadstream.schemas.event.EmailUnsubscribe;
import io.leadstream.schemas.event.TrackingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.leadstream.jobs.ErasureTombstone;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by contact. Keeps the facts segment filters read (fields, scores, last activity,
 * do-not-contact, behaviour counts per filter) and re-evaluates every segment on each event or
 * points change, emitting ENTERED / LEFT. Time-based filters are re-evaluated by event-time timers,
 * so a contact leaves "active in the last 7 days" when the 7 days pass, with no event of its own.
 * A segment definition that changes is backfilled over every known contact at once. A fired point
 * trigger's segment actions, and segment commands (API, imports), add or remove by hand, which
 * overrides the filters; a trigger's tag actions set tags.
 */
public final class SegmentEvaluator extends KeyedBroadcastProcessFunction<String, ContactSignal, DefinitionRecord, SegmentMembershipChange> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SegmentEvaluator.class);
    /** Backfill progress (side output), for the API. */
    public static final OutputTag<BackfillProgress> BACKFILL_PROGRESS = new OutputTag<>("segment-backfill-progress") {};
    /** A backfill reports its progress every this many contacts. */
    static final long PROGRESS_EVERY = 100_000;

    static {
        TrustedRecords.install();
    }

    private transient SegmentState state;
    private transient ErasureTombstone tombstone;
    private transient SegmentDefinitions definitions;

    @Override
    public void open(OpenContext openContext) {
        state = new SegmentState(getRuntimeContext());
        tombstone = new ErasureTombstone(getRuntimeContext());
    }

    @Override
    public void processBroadcastElement(DefinitionRecord definition, Context ctx, Collector<SegmentMembershipChange> out) throws Exception {
        DefinitionsBroadcast.apply(ctx.getBroadcastState(DefinitionsBroadcast.STATE), definition);
        definitions = null;
        if (SegmentDefinitions.KIND.equals(definition.kind)) {
            backfill(definition, ctx, out);
        }
    }

    /**
     * A segment was created, changed or deleted: every contact this subtask knows is re-evaluated
     * from its state now (no scan of Cassandra), at the current watermark (or the contact's latest
     * signal, if later), for that segment and the segments that name it: no other can change.
     * Behaviour filters count from their definition on, so a new one starts at zero.
     */
    private void backfill(DefinitionRecord changed, Context ctx, Collector<SegmentMembershipChange> out) throws Exception {
        SegmentDefinitions defs = SegmentDefinitions.from(ctx.getBroadcastState(DefinitionsBroadcast.STATE).entries());
        definitions = defs;
        long watermark = ctx.currentWatermark();
        long[] visited = {0};
        BackfillProgress progress = new BackfillProgress(changed.id, changed.revision, getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
                getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks(), System.currentTimeMillis());
        ctx.output(BACKFILL_PROGRESS, progress.at(0, null));
        List<CompiledSegment> affected = defs.affectedBy(changed.id);
        boolean removed = !defs.ids.contains(changed.id);
        ctx.applyToKeyedState(SegmentState.LAST_SIGNAL, (contact, lastSignal) -> {
            long now = Math.max(watermark, lastSignal.value());
            ContactSnapshot facts = new ContactSnapshot(state);
            if (removed && facts.member(changed.id)) {
                change(facts, contact, changed.id, false, false, now, "segment removed", out);
            }
            evaluate(affected, facts, contact, now, "backfill", out);
            if (++visited[0] % PROGRESS_EVERY == 0) {
                ctx.output(BACKFILL_PROGRESS, progress.at(visited[0], null));
            }
        });
        long finished = System.currentTimeMillis();
        ctx.output(BACKFILL_PROGRESS, progress.at(visited[0], finished));
        LOG.info("Segment backfill for {} (revision {}) on subtask {}: {} contacts re-evaluated in {} ms",
                changed, changed.revision, progress.subtask, visited[0], finished - progress.startedAt);
    }

    @Override
    public void processElement(ContactSignal signal, ReadOnlyContext ctx, Collector<SegmentMembershipChange> out) throws Exception {
        if (ErasureTombstone.erasesContact(signal.event)) {
            // Its rows are deleted by the erasure itself: no membership change is written for it.
            Long timer = state.timer.value();
            if (timer != null) {
                ctx.timerService().deleteEventTimeTimer(timer);
            }
            state.clear();
            tombstone.erase(signal.event.getEventTime().toEpochMilli());
            return;
        }
        if (tombstone.erased()) {
            return;
        }
        SegmentDefinitions defs = definitions(ctx);
        long now = signal.time();
        Long last = state.lastSignal.value();
        state.lastSignal.update(last == null ? now : Math.max(last, now));
        String reason;
        if (signal.event != null) {
            apply(signal.event, defs, now);
            reason = "event " + signal.event.getEventId();
        } else if (signal.points != null) {
            apply(signal.points);
            reason = "points " + signal.points.getActionId();
        } else if (signal.command != null) {
            apply(signal.command);
            reason = "by hand " + signal.command.getCommandId();
        } else {
            apply(signal.fired);
            reason = "trigger " + signal.fired.getTriggerId();
        }
        ContactSnapshot facts = new ContactSnapshot(state);
        evaluate(defs, facts, ctx.getCurrentKey(), now, reason, out);
        schedule(defs, facts, now, ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SegmentMembershipChange> out) throws Exception {
        if (!Long.valueOf(timestamp).equals(state.timer.value())) {
            return; // superseded by a later schedule
        }
        state.timer.clear();
        SegmentDefinitions defs = definitions(ctx);
        prune(defs, timestamp);
        ContactSnapshot facts = new ContactSnapshot(state);
        evaluate(defs, facts, ctx.getCurrentKey(), timestamp, "time", out);
        schedule(defs, facts, timestamp, ctx);
    }

    private SegmentDefinitions definitions(ReadOnlyContext ctx) throws Exception {
        if (definitions == null) {
            definitions = SegmentDefinitions.from(ctx.getBroadcastState(DefinitionsBroadcast.STATE).immutableEntries());
        }
        return definitions;
    }

    private void apply(TrackingEvent event, SegmentDefinitions defs, long now) throws Exception {
        Long last = state.lastActive.value();
        if (event.getContext() == null || event.getContext().getTrackable()) {
            state.lastActive.update(last == null ? now : Math.max(last, now));
        }
        if (event.getContext() != null && event.getContext().getTimezone() != null) {
            state.timezone.update(event.getContext().getTimezone());
        }
        for (Map.Entry<String, String> f : event.getFields().entrySet()) {
            Long seen = state.fieldTimes.get(f.getKey());
            if (f.getValue() != null && !f.getValue().isBlank() && (seen == null || seen <= now)) {
                state.fields.put(f.getKey(), f.getValue().strip()); // newest non-empty value by event time
                state.fieldTimes.put(f.getKey(), now);
            }
        }
        if (event.getPayload() instanceof EmailUnsubscribe) {
            state.unsubscribed.update(true);
        }
        applyContactActions(event);
        for (BehaviorFilter b : defs.behaviors) {
            if (b.matches(event)) {
                Long total = state.behaviorTotals.get(b.key());
                state.behaviorTotals.put(b.key(), total == null ? 1 : total + 1);
                if (b.windowed()) {
                    List<Long> times = state.behaviorTimes.get(b.key());
                    List<Long> kept = new ArrayList<>();
                    if (times != null) {
                        times.stream().filter(t -> t >= now - b.windowMillis()).forEach(kept::add);
                    }
                    kept.add(now);
                    state.behaviorTimes.put(b.key(), kept);
                }
            }
        }
    }

    /** A campaign's tag and do-not-contact actions, which come back as the contact's events. */
    private void applyContactActions(TrackingEvent event) throws Exception {
        Map<String, String> tags = ContactActionEvents.properties(event, ContactActionEvents.TAGS);
        if (tags != null) {
            for (String t : ContactActionEvents.list(tags.get(ContactActionEvents.TAGS_ADD))) {
                state.tagSet.put(t, true);
            }
            for (String t : ContactActionEvents.list(tags.get(ContactActionEvents.TAGS_REMOVE))) {
                state.tagSet.remove(t);
            }
        }
        Map<String, String> dnc = ContactActionEvents.properties(event, ContactActionEvents.DNC);
        if (dnc != null) {
            state.unsubscribed.update(Boolean.parseBoolean(dnc.get(ContactActionEvents.DNC_VALUE)));
        }
    }

    private void apply(PointsChange points) throws Exception {
        Long seq = state.scoreSequence.value();
        if (seq != null && points.getSequence() <= seq) {
            return; // an older change, replayed
        }
        state.scoreSequence.update(points.getSequence());
        state.scores.put(points.getGroup() == null ? "" : points.getGroup(), points.getTotal());
    }

    /** A fired point trigger's segment and tag actions; email and campaign actions belong to later stages. */
    private void apply(PointTriggerFired fired) throws Exception {
        for (JsonNode action : DefinitionJson.read(fired.getActions(), JsonNode.class)) {
            switch (action.path("type").asText()) {
                case "segment_add" -> state.manual.put(action.path("segment").asText(), true);
                case "segment_remove" -> state.manual.put(action.path("segment").asText(), false);
                case "tags_add" -> {
                    for (JsonNode tag : action.path("tags")) {
                        state.tagSet.put(tag.asText(), true);
                    }
                }
                case "tags_remove" -> {
                    for (JsonNode tag : action.path("tags")) {
                        state.tagSet.remove(tag.asText());
                    }
                }
                default -> { }
            }
        }
    }

    private void apply(SegmentCommand command) throws Exception {
        switch (command.getAction()) {
            case ADD -> state.manual.put(command.getSegmentId(), true);
            case REMOVE -> state.manual.put(command.getSegmentId(), false);
            case RESET -> state.manual.remove(command.getSegmentId());
            default -> LOG.warn("Segment command {} has an unknown action: ignored", command.getCommandId());
        }
    }

    /** Drops counted behaviour that has left its window. */
    private void prune(SegmentDefinitions defs, long now) throws Exception {
        for (BehaviorFilter b : defs.behaviors) {
            List<Long> times = b.windowed() ? state.behaviorTimes.get(b.key()) : null;
            if (times != null) {
                state.behaviorTimes.put(b.key(), times.stream().filter(t -> t >= now - b.windowMillis()).toList());
            }
        }
    }

    /** Every segment, and memberships of segments that no longer exist are left. */
    private void evaluate(SegmentDefinitions defs, ContactSnapshot facts, String contact, long now, String reason,
                          Collector<SegmentMembershipChange> out) {
        evaluate(defs.ordered, facts, contact, now, reason, out);
        List<String> stale = facts.members().stream().filter(id -> !defs.ids.contains(id)).toList();
        for (String id : stale) {
            change(facts, contact, id, false, false, now, "segment removed", out);
        }
    }

    /** The given segments, in that order. */
    private void evaluate(List<CompiledSegment> segments, ContactSnapshot facts, String contact, long now, String reason,
                          Collector<SegmentMembershipChange> out) {
        for (CompiledSegment segment : segments) {
            Boolean manual = facts.manual(segment.id());
            boolean should = manual != null ? manual : SegmentRules.matches(segment, facts, now);
            if (should != facts.member(segment.id())) {
                change(facts, contact, segment.id(), should, manual != null, now, reason, out);
            }
        }
    }

    private void change(ContactSnapshot facts, String contact, String segment, boolean entered, boolean manual, long now, String reason,
                        Collector<SegmentMembershipChange> out) {
        facts.setMember(segment, entered);
        out.collect(SegmentMembershipChange.newBuilder()
                .setContactId(contact)
                .setSegmentId(segment)
                .setEventTime(Instant.ofEpochMilli(now))
                .setKind(entered ? MembershipChangeKind.ENTERED : MembershipChangeKind.LEFT)
                .setManual(manual)
                .setReason(reason)
                .build());
    }

    private void schedule(SegmentDefinitions defs, ContactSnapshot facts, long now, ReadOnlyContext ctx) throws Exception {
        Long next = SegmentTimers.next(defs, facts, now);
        Long current = state.timer.value();
        if (next == null || next.equals(current)) {
            return;
        }
        if (current != null && current > now) {
            ctx.timerService().deleteEventTimeTimer(current);
        }
        ctx.timerService().registerEventTimeTimer(next);
        state.timer.update(next);
    }
}
