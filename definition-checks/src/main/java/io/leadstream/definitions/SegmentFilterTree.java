package io.leadstream.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A segment's filters with their groups opened: checks that read one filter at a time see every
 * filter at any depth, each with the JSON pointer a refusal names.
 */
final class SegmentFilterTree {
    /** Deeper parentheses than this are no clearer to a marketer and only cost the engine. */
    static final int MAX_GROUP_DEPTH = 4;

    private SegmentFilterTree() {}

    /** A filter that is not a group, where it sits, and how many groups hold it. */
    record Leaf(JsonNode filter, String pointer, int depth) {}

    /** A segment's filters opened once: the leaves, and the groups nested deeper than {@link #MAX_GROUP_DEPTH}. */
    record Opened(List<Leaf> leaves, List<String> tooDeep) {}

    static Opened open(JsonNode doc) {
        Opened out = new Opened(new ArrayList<>(), new ArrayList<>());
        walk(doc.path("filters"), "/filters", 0, out.leaves(), out.tooDeep());
        return out;
    }

    static List<Leaf> leaves(JsonNode doc) {
        return open(doc).leaves();
    }

    private static void walk(JsonNode filters, String pointer, int depth, List<Leaf> leaves, List<String> deep) {
        for (int i = 0; i < filters.size(); i++) {
            JsonNode f = filters.get(i);
            String at = pointer + "/" + i;
            if ("group".equals(f.path("kind").asText())) {
                if (depth + 1 > MAX_GROUP_DEPTH) {
                    deep.add(at);
                } else {
                    walk(f.path("filters"), at + "/filters", depth + 1, leaves, deep);
                }
            } else {
                leaves.add(new Leaf(f, at, depth));
            }
        }
    }
}
