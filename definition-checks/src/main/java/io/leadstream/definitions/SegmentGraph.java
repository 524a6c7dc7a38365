package io.leadstream.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Segments and the segments their membership filters read. */
final class SegmentGraph {
    private SegmentGraph() {}

    /** A path of segments from {@code id} back to itself, as "a -> b -> a"; empty when there is none. */
    static Optional<List<String>> loopThrough(String id, DefinitionCatalog catalog) {
        Map<String, JsonNode> segments = catalog.all("segments");
        List<String> path = new ArrayList<>(List.of(id));
        return search(id, id, segments, path, new HashSet<>()) ? Optional.of(path) : Optional.empty();
    }

    private static boolean search(String start, String current, Map<String, JsonNode> segments, List<String> path, Set<String> seen) {
        for (String next : reads(segments.get(current))) {
            path.add(next);
            if (next.equals(start) || seen.add(next) && search(start, next, segments, path, seen)) {
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }

    /** The segments a segment's filters read, in filter order. */
    static List<String> reads(JsonNode segment) {
        List<String> out = new ArrayList<>();
        if (segment != null) {
            for (SegmentFilterTree.Leaf leaf : SegmentFilterTree.leaves(segment)) {
                JsonNode f = leaf.filter();
                if ("segment".equals(f.path("kind").asText()) && f.path("segment").isTextual()) {
                    out.add(f.path("segment").asText());
                }
            }
        }
        return out;
    }
}
