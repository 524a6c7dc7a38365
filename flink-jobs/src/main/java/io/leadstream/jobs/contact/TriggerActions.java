package io.leadstream.jobs.contact;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadstream.common.ids.DeterministicIds;
import io.leadstream.jobs.campaigns.CampaignHost;
import io.leadstream.jobs.campaigns.CampaignRun;
import io.leadstream.jobs.points.PointTriggerDef;
import io.leadstream.schemas.engine.Channel;
import io.leadstream.schemas.engine.SendCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
            switch (action.path("type").asText()) {
                case "send_email" -> host.send(SendCommand.newBuilder().setCommandId(id).setChannel(Channel.EMAIL).setContactId(contactId)
                        .setDueTime(Instant.ofEpochMilli(now)).setCreatedTime(Instant.ofEpochMilli(now)).setEmailId(action.path("email").asText())
                        .setAttributes(Map.of("trigger", def.id(), "firing", firingId)).build());
                case "campaign_add" -> campaigns.enter(action.path("campaign").asText(), now, cause);
                case "campaign_remove" -> campaigns.exit(action.path("campaign").asText(), now, cause);
                case "segment_add", "segment_remove" -> host.segment(action.path("segment").asText(), action.path("type").asText().endsWith("add"),
                        id, now, cause);
                case "tags_add", "tags_remove" -> {
                    List<String> tags = new ArrayList<>();
                    action.path("tags").forEach(t -> tags.add(t.asText()));
                    host.tags(tags, action.path("type").asText().endsWith("add"), id, now, cause);
                }
                default -> { }
            }
        }
    }
}
