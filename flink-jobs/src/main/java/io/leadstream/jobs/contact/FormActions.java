package io.leadstream.jobs.contact;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadstream.common.email.FormNotifications;
import io.leadstream.common.ids.DeterministicIds;
import io.leadstream.jobs.campaigns.CampaignHost;
import io.leadstream.jobs.campaigns.CampaignRun;
import io.leadstream.jobs.campaigns.ContactActions;
import io.leadstream.jobs.definitions.DefinitionJson;
import io.leadstream.jobs.definitions.DefinitionsBroadcast;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.FormSubmission;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What each form does when it is submitted (definitions of kind forms, their {@code actions}), in
 * order, without a campaign: segments, points, tags, fields, emails (to the contact, or a notification
 * with the results to an address), campaigns, a webhook with the results.
 */
record FormActions(Map<String, JsonNode> byForm) {
    static final String KIND = "forms";

    record Form(String id, JsonNode actions) {}

    static FormActions from(Iterable<Map.Entry<String, String>> definitions) {
        Map<String, JsonNode> out = new HashMap<>();
        DefinitionsBroadcast.compile(definitions, KIND, json -> DefinitionJson.read(json, Form.class)).forEach(f -> {
            if (f.actions() != null && f.actions().isArray() && !f.actions().isEmpty()) {
                out.put(f.id(), f.actions());
            }
        });
        return new FormActions(Map.copyOf(out));
    }

    /**
     * Runs the submitted form's actions on the contact. The submission is one event, handled once in
     * the contact's round (a replay from a checkpoint repeats the round from the state before it, with
     * the same ids): so each action happens once per submission.
     */
    void run(FormSubmission form, String submissionId, long now, String contactId, CampaignHost host, CampaignRun campaigns) {
        JsonNode actions = byForm.get(form.getFormId());
        if (actions == null) {
            return;
        }
        String cause = "form " + form.getFormId();
        Map<String, String> attributes = Map.of("form", form.getFormId(), "submission", submissionId,
                FormNotifications.RESULTS, DefinitionJson.write(form.getValues()));
        for (int i = 0; i < actions.size(); i++) {
            JsonNode action = actions.get(i);
            String id = DeterministicIds.of(submissionId, "form-action", Integer.toString(i));
            SendCommand.Builder send = SendCommand.newBuilder().setCommandId(id).setContactId(contactId)
                    .setDueTime(Instant.ofEpochMilli(now)).setCreatedTime(Instant.ofEpochMilli(now)).setAttributes(attributes);
            ContactActions.run(action.path("type").asText(), action, id, now, cause, send, host, campaigns);
        }
    }
}
