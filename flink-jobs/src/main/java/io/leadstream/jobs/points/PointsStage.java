package io.leadstream.jobs.points;

import io.leadstream.jobs.definitions.DefinitionRecord;
import io.leadstream.schemas.engine.CampaignCommand;
import io.leadstream.schemas.engine.PointTriggerFired;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.TrackingEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Points: contact events and the broadcast definitions in; the points log, fired triggers, and
 * the triggers' email and campaign actions as commands out.
 */
public final class PointsStage {
    private PointsStage() {}

    public record Output(DataStream<PointsChange> changes, DataStream<PointTriggerFired> fired, DataStream<SendCommand> sendCommands,
                         DataStream<CampaignCommand> campaignCommands) {}

    public static Output apply(DataStream<TrackingEvent> contactEvents, BroadcastStream<DefinitionRecord> definitions) {
        SingleOutputStreamOperator<PointsChange> changes = contactEvents
                .keyBy(TrackingEvent::getContactId)
                .connect(definitions)
                .process(new PointsScorer(), TypeInformation.of(PointsChange.class))
                .name("points-scorer").uid("points-scorer");
        DataStream<PointTriggerFired> fired = changes.getSideOutput(PointsScorer.FIRED);
        SingleOutputStreamOperator<SendCommand> sends = fired
                .process(new TriggerCommands(), TypeInformation.of(SendCommand.class))
                .name("trigger-commands").uid("trigger-commands");
        return new Output(changes, fired, sends, sends.getSideOutput(TriggerCommands.CAMPAIGN_COMMANDS));
    }
}
