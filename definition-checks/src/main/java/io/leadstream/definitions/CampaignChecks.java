package io.leadstream.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a campaign's schema cannot say, the references inside its event tree: unique ids, parents and
 * jump targets that exist, a yes/no path exactly under conditions and decisions, no cycle of
 * parents, no jump that comes back round without a wait ({@link CampaignLoops}), windows that open,
 * an IANA time zone.
 */
final class CampaignChecks {
    private CampaignChecks() {}

    static List<Problem> check(JsonNode doc) {
        JsonNode events = doc.path("events");
        List<Problem> problems = new ArrayList<>();
        Map<String, JsonNode> byId = new HashMap<>();
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            String eventId = events.get(i).path("id").asText();
            if (position.putIfAbsent(eventId, i) != null) {
                problems.add(new Problem(at(i) + "/id", "duplicate id \"" + eventId + "\" (first at " + at(position.get(eventId)) + ")"));
            } else {
                byId.put(eventId, events.get(i));
            }
        }
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            String parentId = text(event, "parent");
            JsonNode parent = parentId == null ? null : byId.get(parentId);
            if (parentId != null && parent == null) {
                problems.add(new Problem(at(i) + "/parent", "no event \"" + parentId + "\" in this campaign"));
            } else {
                path(problems, i, event, parent);
                noPathNeedsTimeout(problems, i, event, parent);
            }
            if ("jump".equals(text(event, "kind"))) {
                String to = text(event, "to");
                if (!byId.containsKey(to)) {
                    problems.add(new Problem(at(i) + "/to", "no event \"" + to + "\" in this campaign"));
                } else if (to.equals(text(event, "id"))) {
                    problems.add(new Problem(at(i) + "/to", "a jump cannot target itself"));
                }
            }
        }
        boolean parentsLoop = parentCycles(problems, events, byId, position);
        if (problems.isEmpty() && !parentsLoop) {
            CampaignLoops.withoutWait(events, byId).ifPresent(loop -> problems.add(
                    new Problem(at(position.get(loop.get(0))), "runs round without a wait: " + String.join(" -> ", loop)
                            + " (give one of these events an interval, or put a decision on the way)")));
        }
        for (int i = 0; i < events.size(); i++) {
            window(problems, i, events.get(i).get("window"));
        }
        zone(problems, text(doc, "timezone"));
        return problems;
    }

    private static void zone(List<Problem> problems, String zone) {
        if (zone == null) {
            return;
        }
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            problems.add(new Problem("/timezone", "not a time zone this engine knows (an IANA name such as Europe/Paris)"));
        }
    }

    /** A window that closes before it opens would never open. */
    private static void window(List<Problem> problems, int i, JsonNode window) {
        if (window != null && window.path("from").isTextual() && window.path("to").isTextual()
                && window.path("from").asText().compareTo(window.path("to").asText()) >= 0) {
            problems.add(new Problem(at(i) + "/window", "from must be before to (the window is within one day)"));
        }
    }

    /** Conditions and decisions branch, so their children say which branch; an action has only one way on. */
    private static void path(List<Problem> problems, int i, JsonNode event, JsonNode parent) {
        boolean branches = parent != null && !"action".equals(text(parent, "type"));
        if (branches && text(event, "path") == null) {
            problems.add(new Problem(at(i) + "/path", "yes or no is required under the " + text(parent, "type") + " \"" + text(parent, "id") + "\""));
        } else if (!branches && text(event, "path") != null) {
            problems.add(new Problem(at(i) + "/path", "not allowed " + (parent == null ? "on a root event" : "under the action \"" + text(parent, "id") + "\"")));
        }
    }

    /** A decision without a timeout waits for ever: what hangs on its "no" path could never run. */
    private static void noPathNeedsTimeout(List<Problem> problems, int i, JsonNode event, JsonNode parent) {
        if (parent != null && "decision".equals(text(parent, "type")) && "no".equals(text(event, "path")) && parent.get("timeout") == null) {
            problems.add(new Problem(at(i) + "/path", "the decision \"" + text(parent, "id") + "\" has no timeout, so its no path never runs"));
        }
    }

    /** Each event has one parent, so following parents either reaches a root or loops; each loop is reported once. */
    private static boolean parentCycles(List<Problem> problems, JsonNode events, Map<String, JsonNode> byId, Map<String, Integer> position) {
        Set<String> settled = new HashSet<>();
        boolean found = false;
        for (int i = 0; i < events.size(); i++) {
            List<String> chain = new ArrayList<>();
            String current = text(events.get(i), "id");
            while (current != null && !settled.contains(current) && !chain.contains(current)) {
                chain.add(current);
                JsonNode event = byId.get(current);
                current = event == null ? null : text(event, "parent");
            }
            if (current != null && chain.contains(current)) {
                List<String> loop = new ArrayList<>(chain.subList(chain.indexOf(current), chain.size()));
                loop.add(current);
                problems.add(new Problem(at(position.get(current)) + "/parent", "cycle of parents " + String.join(" -> ", loop)));
                found = true;
            }
            settled.addAll(chain);
        }
        return found;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }

    static String at(int index) {
        return "/events/" + index;
    }
}
