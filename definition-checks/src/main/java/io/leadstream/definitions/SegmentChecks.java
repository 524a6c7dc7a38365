package io.leadstream.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a segment's schema cannot say: its patterns compile (RE2/J, as the engine runs them), its
 * dates are on the calendar, groups do not nest too deep, and membership filters do not lead back to itself, directly or through
 * other segments (a member would be one because it is one).
 */
final class SegmentChecks {
    private SegmentChecks() {}

    static List<Problem> check(String id, JsonNode doc, DefinitionCatalog catalog) {
        List<Problem> problems = new ArrayList<>();
        boolean readsItself = false;
        SegmentFilterTree.Opened filters = SegmentFilterTree.open(doc);
        for (String at : filters.tooDeep()) {
            problems.add(new Problem(at, "groups nest at most " + SegmentFilterTree.MAX_GROUP_DEPTH + " deep"));
        }
        for (SegmentFilterTree.Leaf leaf : filters.leaves()) {
            JsonNode f = leaf.filter();
            String at = leaf.pointer();
            String operator = f.path("operator").asText();
            JsonNode value = f.path("value");
            if ((operator.equals("regexp") || operator.equals("not_regexp")) && value.isTextual()) {
                try {
                    Pattern.compile(value.asText());
                } catch (PatternSyntaxException e) {
                    problems.add(new Problem(at + "/value", "not a regular expression: " + e.getDescription()));
                }
            }
            dates(problems, at + "/value", value);
            dates(problems, at + "/date", f.path("date"));
            if ("segment".equals(f.path("kind").asText()) && id.equals(f.path("segment").asText())) {
                problems.add(new Problem(at + "/segment", "a segment cannot filter on its own membership"));
                readsItself = true;
            }
        }
        if (!readsItself) { // a loop through others is reported only when the direct one is not
            SegmentGraph.loopThrough(id, catalog.with("segments", id, doc)).ifPresent(loop ->
                    problems.add(new Problem("/filters", "membership filters loop: " + String.join(" -> ", loop))));
        }
        return problems;
    }

    private static void dates(List<Problem> problems, String at, JsonNode value) {
        if (value.isTextual()) {
            CalendarDates.problem(value.asText()).ifPresent(why -> problems.add(new Problem(at, why)));
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                dates(problems, at + "/" + i, value.get(i));
            }
        }
    }
}
