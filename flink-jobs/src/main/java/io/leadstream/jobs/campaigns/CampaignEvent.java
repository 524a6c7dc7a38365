package io.leadstream.jobs.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadstream.jobs.points.UrlPattern;
import io.leadstream.jobs.segments.CompiledFilter;

/**
 * One event of a campaign's tree (campaigns.schema.json, $defs/event), with what does not depend on
 * the contact worked out once per definition change: its timing, a decision's URL pattern, a
 * condition as the segment filter it is equivalent to (null for the campaign-only kinds).
 */
record CampaignEvent(String id, String type, String kind, String parent, String path, JsonNode node, StepTiming timing,
                     UrlPattern url, CompiledFilter filter) {

    boolean action() {
        return "action".equals(type);
    }

    boolean condition() {
        return "condition".equals(type);
    }

    boolean decision() {
        return "decision".equals(type);
    }

    /** A property of the event, or null. */
    String text(String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }
}
