package io.leadstream.gateway.definitions;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A campaign: its JSON Schema ({@code campaigns.schema.json}), then what a schema cannot express, the
 * references inside the event tree: unique ids, parents and jump targets that exist, a yes/no path
 * exactly under conditions and decisions, and no cycle in parent links.
 */
public final class CampaignDefinitionValidator implements DefinitionValidator {
    private final DefinitionValidator schema = JsonSchemaDefinitionValidator.forKind("campaigns");

    @Override
    public List<String> validate(String id, JsonObject doc) {
        List<String> problems = schema.validate(id, doc);
        // The tree checks read fields the schema guarantees; on a malformed document they would only add noise.
        if (!problems.isEmpty()) {
            return problems;
        }
        List<String> more = new ArrayList<>(tree(doc.getJsonArray("events")));
        zone(more, doc.getString("timezone"));
        JsonArray events = doc.getJsonArray("events");
        for (int i = 0; i < events.size(); i++) {
            window(more, i, events.getJsonObject(i).getJsonObject("window"));
        }
        return more;
    }

    private static void zone(List<String> problems, String zone) {
        if (zone == null) {
            return;
        }
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            problems.add("/timezone: not a time zone this engine knows (an IANA name such as Europe/Paris)");
        }
    }

    /** A window that closes before it opens would never open. */
    private static void window(List<String> problems, int i, JsonObject window) {
        if (window != null && window.getString("from") != null && window.getString("to") != null
                && window.getString("from").compareTo(window.getString("to")) >= 0) {
            problems.add(at(i) + "/window: from must be before to (the window is within one day)");
        }
    }

    private static List<String> tree(JsonArray events) {
        List<String> problems = new ArrayList<>();
        Map<String, JsonObject> byId = new HashMap<>();
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            String eventId = events.getJsonObject(i).getString("id");
            if (position.putIfAbsent(eventId, i) != null) {
                problems.add(at(i) + "/id: duplicate id \"" + eventId + "\" (first at " + at(position.get(eventId)) + ")");
            } else {
                byId.put(eventId, events.getJsonObject(i));
            }
        }
        for (int i = 0; i < events.size(); i++) {
            JsonObject event = events.getJsonObject(i);
            String parentId = event.getString("parent");
            JsonObject parent = parentId == null ? null : byId.get(parentId);
            if (parentId != null && parent == null) {
                problems.add(at(i) + "/parent: no event \"" + parentId + "\" in this campaign");
            } else {
                path(problems, i, event, parent);
                noPathNeedsTimeout(problems, i, event, parent);
            }
            if ("jump".equals(event.getString("kind"))) {
                String to = event.getString("to");
                if (!byId.containsKey(to)) {
                    problems.add(at(i) + "/to: no event \"" + to + "\" in this campaign");
                } else if (to.equals(event.getString("id"))) {
                    problems.add(at(i) + "/to: a jump cannot target itself");
                }
            }
        }
        cycles(problems, events, byId, position);
        return problems;
    }

    /** Conditions and decisions branch, so their children say which branch; an action has only one way on. */
    private static void path(List<String> problems, int i, JsonObject event, JsonObject parent) {
        boolean branches = parent != null && !"action".equals(parent.getString("type"));
        if (branches && event.getString("path") == null) {
            problems.add(at(i) + "/path: yes or no is required under the " + parent.getString("type") + " \"" + parent.getString("id") + "\"");
        } else if (!branches && event.getString("path") != null) {
            problems.add(at(i) + "/path: not allowed " + (parent == null ? "on a root event" : "under the action \"" + parent.getString("id") + "\""));
        }
    }

    /** A decision without a timeout waits for ever: what hangs on its "no" path could never run. */
    private static void noPathNeedsTimeout(List<String> problems, int i, JsonObject event, JsonObject parent) {
        if (parent != null && "decision".equals(parent.getString("type")) && "no".equals(event.getString("path"))
                && parent.getJsonObject("timeout") == null) {
            problems.add(at(i) + "/path: the decision \"" + parent.getString("id") + "\" has no timeout, so its no path never runs");
        }
    }

    /** Each event has one parent, so following parents either reaches a root or loops; each loop is reported once. */
    private static void cycles(List<String> problems, JsonArray events, Map<String, JsonObject> byId, Map<String, Integer> position) {
        Set<String> settled = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            List<String> chain = new ArrayList<>();
            String current = events.getJsonObject(i).getString("id");
            while (current != null && !settled.contains(current) && !chain.contains(current)) {
                chain.add(current);
                JsonObject event = byId.get(current);
                current = event == null ? null : event.getString("parent");
            }
            if (current != null && chain.contains(current)) {
                List<String> loop = new ArrayList<>(chain.subList(chain.indexOf(current), chain.size()));
                loop.add(current);
                problems.add(at(position.get(current)) + "/parent: cycle of parents " + String.join(" -> ", loop));
            }
            settled.addAll(chain);
        }
    }

    private static String at(int index) {
        return "/events/" + index;
    }
}
