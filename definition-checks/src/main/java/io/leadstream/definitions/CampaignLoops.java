package io.leadstream.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Jumps that bring a contact round to where it was with nothing on the way that waits. The engine
 * runs an event as soon as the contact reaches it unless it is a decision (which waits for the
 * contact) or has an interval; a date already past and a send window do not stop a loop. An event
 * run at once reaches its children (a condition both branches, for the check) and a jump its
 * target: a cycle of such steps would run for ever in one instant.
 */
final class CampaignLoops {
    private CampaignLoops() {}

    /** The event ids of one such loop, first repeated at the end; empty when there is none. */
    static Optional<List<String>> withoutWait(JsonNode events, Map<String, JsonNode> byId) {
        Map<String, List<String>> next = new HashMap<>();
        for (JsonNode e : events) {
            String parent = CampaignChecks.text(e, "parent");
            if (parent != null && runsAtOnce(e) && runsAtOnce(byId.get(parent))) {
                next.computeIfAbsent(parent, k -> new ArrayList<>()).add(CampaignChecks.text(e, "id"));
            }
            String to = CampaignChecks.text(e, "to");
            if ("jump".equals(CampaignChecks.text(e, "kind")) && runsAtOnce(e) && runsAtOnce(byId.get(to))) {
                next.computeIfAbsent(CampaignChecks.text(e, "id"), k -> new ArrayList<>()).add(to);
            }
        }
        Set<String> done = new HashSet<>();
        for (JsonNode e : events) {
            List<String> path = new ArrayList<>();
            Optional<List<String>> loop = search(CampaignChecks.text(e, "id"), next, path, new HashSet<>(), done);
            if (loop.isPresent()) {
                return loop;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> search(String id, Map<String, List<String>> next, List<String> path, Set<String> onPath, Set<String> done) {
        if (onPath.contains(id)) {
            List<String> loop = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
            loop.add(id);
            return Optional.of(loop);
        }
        if (!done.add(id)) {
            return Optional.empty();
        }
        path.add(id);
        onPath.add(id);
        for (String n : next.getOrDefault(id, List.of())) {
            Optional<List<String>> loop = search(n, next, path, onPath, done);
            if (loop.isPresent()) {
                return loop;
            }
        }
        path.remove(path.size() - 1);
        onPath.remove(id);
        return Optional.empty();
    }

    private static boolean runsAtOnce(JsonNode event) {
        return event != null && !"decision".equals(CampaignChecks.text(event, "type"))
                && !"interval".equals(event.path("timing").path("mode").asText());
    }
}
