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

    static List<Leaf> leaves(JsonNode doc) {
        List<Leaf> out = new ArrayList<>();
        walk(doc.path("filters"), "/filters", 0, out, new ArrayList<>());
        return out;
    }

    /** The pointers of groups nested deeper than {@link #MAX_GROUP_DEPTH}. */
    static List<String> tooDeep(JsonNode doc) {
        List<String> deep = new ArrayList<>();
        walk(doc.path("filters"), "/filters", 0, new ArrayList<>(), deep);
        return deep;
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
