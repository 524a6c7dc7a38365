package io.leadstream.jobs.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadstream.jobs.definitions.DefinitionJson;
import io.leadstream.jobs.points.UrlPattern;
import io.leadstream.jobs.segments.CompiledFilter;
import io.leadstream.jobs.segments.FilterDef;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A campaign definition ready to run: its events by id, each parent's children by path, sources and goals. */
final class CompiledCampaign {
    final String id;
    final boolean rotate;
    final ZoneId zone;
    final Set<String> segmentSources;
    final Set<String> formSources;
    final List<CampaignEvent> roots = new ArrayList<>();
    final List<CampaignEvent> goals = new ArrayList<>();
    final Map<String, CampaignEvent> events = new LinkedHashMap<>();
    private final Map<String, List<CampaignEvent>> children = new HashMap<>();

    private CompiledCampaign(JsonNode doc) {
        this.id = doc.path("id").asText();
        this.rotate = "rotate".equals(doc.path("reentry").asText("never"));
        this.zone = doc.hasNonNull("timezone") ? ZoneId.of(doc.get("timezone").asText()) : ZoneId.of("UTC");
        this.segmentSources = texts(doc.path("sources").path("segments"));
        this.formSources = texts(doc.path("sources").path("forms"));
        for (JsonNode e : doc.path("events")) {
            CampaignEvent event = event(e);
            events.put(event.id(), event);
        }
        for (CampaignEvent e : events.values()) {
            if (e.parent() == null) {
                roots.add(e);
            } else {
                children.computeIfAbsent(childKey(e.parent(), e.path()), k -> new ArrayList<>()).add(e);
            }
        }
        int n = 0;
        for (JsonNode g : doc.path("goals")) {
            ObjectNode goal = g.deepCopy();
            goal.put("id", "goal-" + n++).put("type", "decision");
            goals.add(event(goal));
        }
    }

    /** From the definition's JSON; null when disabled. */
    static CompiledCampaign of(String json) {
        JsonNode doc = DefinitionJson.read(json, JsonNode.class);
        return doc.path("enabled").asBoolean(true) ? new CompiledCampaign(doc) : null;
    }

    /** What runs after {@code parent}: on its yes/no path for conditions and decisions (path null after an action). */
    List<CampaignEvent> children(CampaignEvent parent, String path) {
        return children.getOrDefault(childKey(parent.id(), parent.action() ? null : path), List.of());
    }

    private static String childKey(String parent, String path) {
        return path == null ? parent : parent + "/" + path;
    }

    private static CampaignEvent event(JsonNode e) {
        String type = e.path("type").asText();
        String kind = e.path("kind").asText();
        StepTiming timing = "decision".equals(type) ? null : StepTiming.parse(e);
        UrlPattern url = e.hasNonNull("url") && "decision".equals(type) ? new UrlPattern(e.get("url").asText()) : null;
        return new CampaignEvent(e.path("id").asText(), type, kind, e.hasNonNull("parent") ? e.get("parent").asText() : null,
                e.hasNonNull("path") ? e.get("path").asText() : null, e, timing, url, "condition".equals(type) ? filter(kind, e) : null);
    }

    /** Conditions that mean what a segment filter means are evaluated by the segment filter code. */
    private static CompiledFilter filter(String kind, JsonNode e) {
        FilterDef def = switch (kind) {
            case "field", "form_field" -> new FilterDef("field", null, e.path("field").asText(), e.path("operator").asText(), e.get("value"),
                    null, null, null, null, null, null, null, null, null, null, null, null, null, null);
            case "company_field" -> new FilterDef("company_field", null, e.path("field").asText(), e.path("operator").asText(), e.get("value"),
                    null, null, null, null, null, null, null, null, null, null, null, null, null, null);
            case "segment" -> new FilterDef("segment", null, null, "member", null,
                    null, null, null, null, null, null, null, null, null, null, null, e.path("segment").asText(), null, null);
            case "tags" -> new FilterDef("tags", null, null, e.path("match").asText("any"), null,
                    null, null, null, null, null, null, null, null, null, List.copyOf(texts(e.path("tags"))), null, null, null, null);
            case "points" -> new FilterDef("points", null, null, e.path("operator").asText(), e.get("value"),
                    null, null, null, null, null, null, null, null, e.hasNonNull("group") ? e.get("group").asText() : null, null, null, null, null, null);
            case "dnc" -> new FilterDef("dnc", null, null, "is", null,
                    null, null, null, null, null, null, null, null, null, null, "email", null, null, null);
            case "stage" -> new FilterDef("stage", null, null, e.hasNonNull("stage") ? "eq" : "not_empty", null,
                    null, null, null, null, null, null, null, null, null, null, null, null, null, e.hasNonNull("stage") ? e.get("stage").asText() : null);
            default -> null;
        };
        return def == null ? null : CompiledFilter.of(def);
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> out = new java.util.LinkedHashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
