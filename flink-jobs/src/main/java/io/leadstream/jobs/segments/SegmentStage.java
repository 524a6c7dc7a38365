package io.leadstream.jobs.segments;

import io.leadstream.jobs.definitions.DefinitionRecord;
import io.leadstream.schemas.engine.PointTriggerFired;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.schemas.engine.SegmentMembershipChange;
import io.leadstream.schemas.event.TrackingEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Segments: contact events, points changes and fired point triggers in, keyed by contact, with the broadcast definitions; membership changes out. */
public final class SegmentStage {
    private SegmentStage() {}

    public static DataStream<SegmentMembershipChange> apply(DataStream<TrackingEvent> contactEvents, DataStream<PointsChange> points,
                                                            DataStream<PointTriggerFired> fired,
                                                            BroadcastStream<DefinitionRecord> definitions) {
        TypeInformation<ContactSignal> signal = TypeInformation.of(ContactSignal.class);
        DataStream<ContactSignal> events = contactEvents.map(ContactSignal::of, signal).name("segment-signal-events").uid("segment-signal-events");
        DataStream<ContactSignal> scores = points.map(ContactSignal::of, signal).name("segment-signal-points").uid("segment-signal-points");
        DataStream<ContactSignal> triggers = fired.map(ContactSignal::of, signal).name("segment-signal-triggers").uid("segment-signal-triggers");
        return events.union(scores, triggers)
                .keyBy(ContactSignal::contactId)
                .connect(definitions)
                .process(new SegmentEvaluator(), TypeInformation.of(SegmentMembershipChange.class))
                .name("segment-evaluator").uid("segment-evaluator");
    }
}
