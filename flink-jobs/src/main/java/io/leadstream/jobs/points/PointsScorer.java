package io.leadstream.jobs.points;

import io.leadstream.jobs.ContactActionEvents;
import io.leadstream.jobs.definitions.DefinitionRecord;
import io.leadstream.jobs.definitions.DefinitionsBroadcast;
import io.leadstream.schemas.codec.TrustedRecords;
import io.leadstream.schemas.engine.PointTriggerFired;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.schemas.event.TrackingEvent;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import io.leadstream.jobs.ErasureTombstone;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by contact. Applies the point actions to each event (rules: any, first time, Nth hit,
 * returns within / after a window; once per contact unless repeatable), keeps the total and each
 * group's score, emits every change (the points log) and fires triggers edge-wise: when a score
 * crosses a threshold upward, once per contact, or again after dropping below it when the trigger
 * re-arms "below". Definitions arrive as broadcast state and apply from the next event on.
 */
public final class PointsScorer extends KeyedBroadcastProcessFunction<String, TrackingEvent, DefinitionRecord, PointsChange> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<PointTriggerFired> FIRED = new OutputTag<>("point-triggers-fired", TypeInformation.of(PointTriggerFired.class));
    /** Score key of the total; a group's score is keyed by the group id. */
    private static final String TOTAL = "";

    static {
        TrustedRecords.install();
    }

    private transient MapState<String, Integer> scores;
    private transient MapState<String, Long> hits;
    private transient MapState<String, Long> lastHit;
    private transient MapState<String, Boolean> applied;
    private transient MapState<String, Boolean> fired;
    private transient ValueState<Long> sequence;
    private transient ErasureTombstone tombstone;
    /** Compiled from the broadcast state; dropped whenever a definition changes. */
    private transient PointsDefinitions definitions;

    @Override
    public void open(OpenContext openContext) {
        scores = getRuntimeContext().getMapState(new MapStateDescriptor<>("scores", Types.STRING, Types.INT));
        hits = getRuntimeContext().getMapState(new MapStateDescriptor<>("action-hits", Types.STRING, Types.LONG));
        lastHit = getRuntimeContext().getMapState(new MapStateDescriptor<>("action-last-hit", Types.STRING, Types.LONG));
        applied = getRuntimeContext().getMapState(new MapStateDescriptor<>("actions-applied", Types.STRING, Types.BOOLEAN));
        fired = getRuntimeContext().getMapState(new MapStateDescriptor<>("triggers-fired", Types.STRING, Types.BOOLEAN));
        sequence = getRuntimeContext().getState(new ValueStateDescriptor<>("change-sequence", Types.LONG));
        tombstone = new ErasureTombstone(getRuntimeContext());
    }

    @Override
    public void processBroadcastElement(DefinitionRecord definition, Context ctx, Collector<PointsChange> out) throws Exception {
        DefinitionsBroadcast.apply(ctx.getBroadcastState(DefinitionsBroadcast.STATE), definition);
        definitions = null;
    }

    @Override
    public void processElement(TrackingEvent event, ReadOnlyContext ctx, Collector<PointsChange> out) throws Exception {
        if (ErasureTombstone.erasesContact(event)) {
            scores.clear();
            hits.clear();
            lastHit.clear();
            applied.clear();
            fired.clear();
            sequence.clear();
            tombstone.erase(event.getEventTime().toEpochMilli());
            return;
        }
        if (tombstone.erased()) {
            return;
        }
        if (definitions == null) {
            definitions = PointsDefinitions.from(ctx.getBroadcastState(DefinitionsBroadcast.STATE).immutableEntries());
        }
        Map<String, String> adjust = ContactActionEvents.properties(event, ContactActionEvents.POINTS);
        if (adjust != null) {
            // A campaign's "adjust points": not an action's rule, but it moves the score and can fire triggers.
            adjust(adjust.get(ContactActionEvents.POINTS_GROUP), Integer.parseInt(adjust.get(ContactActionEvents.POINTS_DELTA)),
                    event.getContext().getNonTrackableReason(), event, ctx, out);
            return;
        }
        ScoredEvent scored = ScoredEvent.of(event);
        if (scored == null) {
            return;
        }
        for (PointsDefinitions.Action action : definitions.actions(scored.type())) {
            PointActionDef def = action.def();
            if (scored.about(action.url(), def.email(), def.form(), def.asset()) && qualifies(action, event.getEventTime().toEpochMilli())) {
                score(action, event, ctx, out);
            }
        }
    }

    /** Counts the hit for the action's rule and says whether this one earns the points. */
    private boolean qualifies(PointsDefinitions.Action action, long time) throws Exception {
        PointActionDef def = action.def();
        Long seen = hits.get(def.id());
        long count = seen == null ? 1 : seen + 1;
        Long previous = lastHit.get(def.id());
        hits.put(def.id(), count);
        lastHit.put(def.id(), time);
        boolean rule = switch (def.ruleOrAny()) {
            case "first_time" -> count == 1;
            case "hits" -> def.repeatable() ? count % def.hits() == 0 : count == def.hits();
            case "returns_within" -> previous != null && time - previous <= action.window().toMillis();
            case "returns_after" -> previous != null && time - previous > action.window().toMillis();
            default -> true;
        };
        if (!rule || (!def.repeatable() && applied.contains(def.id()))) {
            return false;
        }
        applied.put(def.id(), true);
        return true;
    }

    private void score(PointsDefinitions.Action action, TrackingEvent event, ReadOnlyContext ctx, Collector<PointsChange> out) throws Exception {
        PointActionDef def = action.def();
        adjust(def.group(), def.points(), def.id(), event, ctx, out);
    }

    private void adjust(String group, int delta, String actionId, TrackingEvent event, ReadOnlyContext ctx, Collector<PointsChange> out)
            throws Exception {
        String key = group == null ? TOTAL : group;
        Integer current = scores.get(key);
        int before = current == null ? 0 : current;
        int after = before + delta;
        scores.put(key, after);
        long seq = sequence.value() == null ? 1 : sequence.value() + 1;
        sequence.update(seq);
        out.collect(PointsChange.newBuilder()
                .setContactId(ctx.getCurrentKey())
                .setEventTime(event.getEventTime())
                .setDelta(delta)
                .setTotal(after)
                .setGroup(group)
                .setActionId(actionId)
                .setCauseEventId(event.getEventId())
                .setSequence(seq)
                .build());
        for (PointsDefinitions.Trigger trigger : definitions.triggers(group)) {
            fireIfCrossed(trigger, before, after, event, ctx);
        }
    }

    private void fireIfCrossed(PointsDefinitions.Trigger trigger, int before, int after, TrackingEvent event, ReadOnlyContext ctx) throws Exception {
        PointTriggerDef def = trigger.def();
        if (after < def.threshold()) {
            if (def.rearmsBelow()) {
                fired.remove(def.id());
            }
            return;
        }
        if (before >= def.threshold() || fired.contains(def.id())) {
            return;
        }
        fired.put(def.id(), true);
        ctx.output(FIRED, PointTriggerFired.newBuilder()
                .setFiringId(def.id() + ":" + ctx.getCurrentKey() + "@" + event.getEventId())
                .setContactId(ctx.getCurrentKey())
                .setTriggerId(def.id())
                .setEventTime(event.getEventTime())
                .setScore(after)
                .setGroup(def.group())
                .setActions(trigger.actionsJson())
                .setCauseEventId(event.getEventId())
                .build());
    }
}
