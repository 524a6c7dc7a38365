package io.leadstream.jobs.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadstream.common.email.FormNotifications;
import io.leadstream.common.ids.DeterministicIds;
import io.leadstream.schemas.engine.Channel;
import io.leadstream.schemas.engine.SendCommand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries out one action on a contact, the same way for a campaign step, a fired point trigger and a
 * submitted form. The caller names the action's id (derived from what caused it, so a replay repeats
 * it) and gives the send it would make, with its origin already on it (campaign, trigger or form).
 */
public final class ContactActions {
    private ContactActions() {}

    /** False for a kind this does not know (a campaign's {@code jump} is the campaign's own). */
    public static boolean run(String kind, JsonNode action, String id, long at, String cause, SendCommand.Builder send,
                              CampaignHost contact, CampaignRun campaigns) {
        switch (kind) {
            case "send_email" -> contact.send(send.setChannel(Channel.EMAIL).setEmailId(text(action, "email")).build());
            case "notify" -> { // the email to each address named, one send each, rather than to the contact
                for (JsonNode to : action.path("to")) {
                    Map<String, String> attributes = attributes(send);
                    attributes.put(FormNotifications.TO, to.asText());
                    contact.send(SendCommand.newBuilder(send).setCommandId(DeterministicIds.of(id, to.asText())).setChannel(Channel.EMAIL)
                            .setEmailId(text(action, "email")).setTransactional(true).setAttributes(attributes).build());
                }
            }
            case "webhook" -> {
                Map<String, String> attributes = attributes(send);
                attributes.put("method", action.path("method").asText("POST"));
                if (action.has("headers")) {
                    attributes.put("headers", action.get("headers").toString());
                }
                contact.send(send.setChannel(Channel.WEBHOOK).setWebhookUrl(text(action, "url")).setAttributes(attributes).build());
            }
            case "segment_add", "segment_remove" -> contact.segment(text(action, "segment"), kind.endsWith("add"), id, at, cause);
            case "campaign_add" -> campaigns.enter(text(action, "campaign"), at, cause);
            case "campaign_remove" -> campaigns.exit(text(action, "campaign"), at, cause);
            case "tags_add", "tags_remove" -> {
                List<String> tags = new ArrayList<>();
                action.path("tags").forEach(t -> tags.add(t.asText()));
                contact.tags(tags, kind.endsWith("add"), id, at, cause);
            }
            case "update_field" -> contact.field(text(action, "field"), action.path("value").asText(""), id, at, cause);
            case "adjust_points" -> contact.points(action.path("points").asInt(), text(action, "group"), id, at, cause);
            case "dnc_add", "dnc_remove" -> contact.doNotContact(kind.endsWith("add"), id, at, cause);
            case "change_stage" -> contact.stage(text(action, "stage"), true, id, at, cause);
            case "add_to_company" -> contact.company(text(action, "company"), id, at);
            case "change_company_score" -> contact.companyScore(action.path("points").asInt(), id, at);
            default -> {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> attributes(SendCommand.Builder send) {
        return send.hasAttributes() && send.getAttributes() != null ? new HashMap<>(send.getAttributes()) : new HashMap<>();
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }
}
