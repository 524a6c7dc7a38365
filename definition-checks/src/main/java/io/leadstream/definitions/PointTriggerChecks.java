package io.leadstream.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A point trigger that re-arms below its threshold must not, through its own actions, move the score
 * it watches: a campaign it starts (directly, or by adding the contact to a segment a campaign takes
 * its contacts from) that adjusts that score could take it below and back over, firing it again and
 * again. A trigger that fires once per contact cannot loop.
 */
final class PointTriggerChecks {
    private PointTriggerChecks() {}

    static List<Problem> check(JsonNode trigger, DefinitionCatalog catalog) {
        List<Problem> problems = new ArrayList<>();
        if (!"below".equals(trigger.path("rearm").asText())) {
            return problems;
        }
        String watched = trigger.path("group").isTextual() ? trigger.path("group").asText() : null;
        Map<String, JsonNode> campaigns = catalog.all("campaigns");
        JsonNode actions = trigger.path("actions");
        for (int i = 0; i < actions.size(); i++) {
            JsonNode action = actions.get(i);
            String type = action.path("type").asText();
            for (Map.Entry<String, JsonNode> c : campaigns.entrySet()) {
                boolean started = "campaign_add".equals(type) && c.getKey().equals(action.path("campaign").asText())
                        || "segment_add".equals(type) && sources(c.getValue(), action.path("segment").asText());
                if (started && adjusts(c.getValue(), watched)) {
                    problems.add(new Problem("/actions/" + i, "the campaign \"" + c.getKey() + "\" this starts adjusts the score the trigger watches"
                            + (watched == null ? "" : " (group " + watched + ")") + ": re-armed below, the trigger could fire itself again"));
                }
            }
        }
        return problems;
    }

    private static boolean sources(JsonNode campaign, String segment) {
        for (JsonNode s : campaign.path("sources").path("segments")) {
            if (s.asText().equals(segment)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the campaign has a step adjusting the total (any adjustment) or the watched group's score. */
    private static boolean adjusts(JsonNode campaign, String group) {
        for (JsonNode e : campaign.path("events")) {
            if ("adjust_points".equals(e.path("kind").asText()) && (group == null || group.equals(e.path("group").asText()))) {
                return true;
            }
        }
        return false;
    }
}
