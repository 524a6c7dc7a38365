package io.leadstream.jobs.segments;

import io.leadstream.jobs.definitions.DefinitionRecord;
import io.leadstream.schemas.engine.PointTriggerFired;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.schemas.engine.SegmentCommand;
import io.leadstream.schemas.engine.SegmentMembershipChange;
import io.leadstream.schemas.event.TrackingEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Segments: contact events, points changes, fired point triggers and segment commands in, keyed by
 * contact, with the broadcast definitions; membership changes and backfill progress out.
 */
public final class SegmentStage {
    private SegmentStage() {}

    public record Output(DataStream<SegmentMembershipChange> changes, DataStream<BackfillProgress> backfills) {}

    public static Output apply(DataStream<TrackingEvent> contactEvents, DataStream<PointsChange> points, DataStream<PointTriggerFired> fired,
                               DataStream<SegmentCommand> commands, BroadcastStream<DefinitionRecord> definitions) {
        TypeInformation<ContactSignal> signal = TypeInformation.of(ContactSignal.class);
        DataStream<ContactSignal> events = contactEvents.map(ContactSignal::of, signal).name("segment-signal-events").uid("segment-signal-events");
        DataStream<ContactSignal> scores = points.map(ContactSignal::of, signal).name("segment-signal-points").uid("segment-signal-points");
        DataStream<ContactSignal> triggers = fired.map(ContactSignal::of, signal).name("segment-signal-triggers").uid("segment-signal-triggers");
        DataStream<ContactSignal> byHand = commands.map(ContactSignal::of, signal).name("segment-signal-commands").uid("segment-signal-commands");
        SingleOutputStreamOperator<SegmentMembershipChange> changes = events.union(scores, triggers, byHand)
                .keyBy(ContactSignal::contactId)
                .connect(definitions)
                .process(new SegmentEvaluator(), TypeInformation.of(SegmentMembershipChange.class))
                .name("segment-evaluator").uid("segment-evaluator");
        return new Output(changes, changes.getSideOutput(SegmentEvaluator.BACKFILL_PROGRESS));
    }
}
