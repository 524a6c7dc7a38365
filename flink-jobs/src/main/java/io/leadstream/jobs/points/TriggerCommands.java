package io.leadstream.jobs.points;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadstream.common.ids.DeterministicIds;
import io.leadstream.jobs.definitions.DefinitionJson;
import io.leadstream.schemas.codec.TrustedRecords;
import io.leadstream.schemas.engine.CampaignCommand;
import io.leadstream.schemas.engine.CampaignCommandAction;
import io.leadstream.schemas.engine.Channel;
import io.leadstream.schemas.engine.PointTriggerFired;
import io.leadstream.schemas.engine.SendCommand;
import java.util.Map;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * A fired point trigger's email and campaign actions as commands for the stages that carry them
 * out: {@code send_email} → a SendCommand (main output, for the outbox and send workers),
 * {@code campaign_add} / {@code campaign_remove} → a CampaignCommand (side output, for the campaign
 * stage). Ids come from the firing and the action's position, so a replayed firing repeats them
 * and nothing downstream acts twice. Segment and tag actions belong to the segment stage.
 */
public final class TriggerCommands extends ProcessFunction<PointTriggerFired, SendCommand> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<CampaignCommand> CAMPAIGN_COMMANDS = new OutputTag<>("trigger-campaign-commands") {};

    static {
        TrustedRecords.install();
    }

    @Override
    public void processElement(PointTriggerFired fired, Context ctx, Collector<SendCommand> out) {
        JsonNode actions = DefinitionJson.read(fired.getActions(), JsonNode.class);
        for (int i = 0; i < actions.size(); i++) {
            JsonNode action = actions.get(i);
            String id = DeterministicIds.of(fired.getFiringId(), Integer.toString(i));
            switch (action.path("type").asText()) {
                case "send_email" -> out.collect(SendCommand.newBuilder()
                        .setCommandId(id)
                        .setChannel(Channel.EMAIL)
                        .setContactId(fired.getContactId())
                        .setDueTime(fired.getEventTime())
                        .setCreatedTime(fired.getEventTime())
                        .setEmailId(action.path("email").asText())
                        .setAttributes(Map.of("trigger", fired.getTriggerId(), "firing", fired.getFiringId()))
                        .build());
                case "campaign_add", "campaign_remove" -> ctx.output(CAMPAIGN_COMMANDS, CampaignCommand.newBuilder()
                        .setCommandId(id)
                        .setContactId(fired.getContactId())
                        .setCampaignId(action.path("campaign").asText())
                        .setAction(action.path("type").asText().endsWith("add") ? CampaignCommandAction.ADD : CampaignCommandAction.REMOVE)
                        .setRequestedAt(fired.getEventTime())
                        .setSource("trigger:" + fired.getTriggerId())
                        .build());
                default -> { }
            }
        }
    }
}
