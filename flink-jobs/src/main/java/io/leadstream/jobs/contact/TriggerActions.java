package io.leadstream.jobs.contact;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadstream.common.ids.DeterministicIds;
import io.leadstream.jobs.campaigns.CampaignHost;
import io.leadstream.jobs.campaigns.CampaignRun;
import io.leadstream.jobs.campaigns.ContactActions;
import io.leadstream.jobs.points.PointTriggerDef;
import io.leadstream.schemas.engine.SendCommand;
import java.time.Instant;
import java.util.Map;

/**
 * What a fired point trigger's actions do to the contact: send an email, enter or leave a campaign
 * or a segment, add or remove tags. Each action's id comes from the firing and its position, so a
 * replayed firing repeats the same ids.
 */
final class TriggerActions {
    private TriggerActions() {}

    static void run(PointTriggerDef def, String firingId, long now, String contactId, CampaignHost host, CampaignRun campaigns) {
        String cause = "trigger " + def.id();
        JsonNode actions = def.actions();
        for (int i = 0; actions != null && i < actions.size(); i++) {
            JsonNode action = actions.get(i);
            String id = DeterministicIds.of(firingId, Integer.toString(i));
            SendCommand.Builder send = SendCommand.newBuilder().setCommandId(id).setContactId(contactId)
                    .setDueTime(Instant.ofEpochMilli(now)).setCreatedTime(Instant.ofEpochMilli(now))
                    .setAttributes(Map.of("trigger", def.id(), "firing", firingId));
            ContactActions.run(action.path("type").asText(), action, id, now, cause, send, host, campaigns);
        }
    }
}
