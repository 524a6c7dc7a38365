package io.leadstream.jobs.points;

import io.leadstream.jobs.definitions.DefinitionRecord;
import io.leadstream.schemas.engine.PointTriggerFired;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.schemas.event.TrackingEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/** Points: contact events and the broadcast definitions in; the points log and fired triggers out. */
public final class PointsStage {
    private PointsStage() {}

    public record Output(DataStream<PointsChange> changes, DataStream<PointTriggerFired> fired) {}

    public static Output apply(DataStream<TrackingEvent> contactEvents, BroadcastStream<DefinitionRecord> definitions) {
        SingleOutputStreamOperator<PointsChange> changes = contactEvents
                .keyBy(TrackingEvent::getContactId)
                .connect(definitions)
                .process(new PointsScorer(), TypeInformation.of(PointsChange.class))
                .name("points-scorer").uid("points-scorer");
        return new Output(changes, changes.getSideOutput(PointsScorer.FIRED));
    }
}
