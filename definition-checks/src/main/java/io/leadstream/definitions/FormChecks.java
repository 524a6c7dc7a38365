package io.leadstream.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What a form's schema cannot say: each field's alias once, and a honeypot that is not a field people fill. */
final class FormChecks {
    private FormChecks() {}

    static List<Problem> check(JsonNode doc) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Integer> first = new HashMap<>();
        JsonNode fields = doc.path("fields");
        for (int i = 0; i < fields.size(); i++) {
            String alias = fields.get(i).path("alias").asText();
            Integer earlier = first.putIfAbsent(alias, i);
            if (earlier != null) {
                problems.add(new Problem("/fields/" + i + "/alias", "duplicate \"" + alias + "\" (first at /fields/" + earlier + ")"));
            }
        }
        String honeypot = doc.path("honeypot").asText(null);
        if (honeypot != null && first.containsKey(honeypot)) {
            problems.add(new Problem("/honeypot", "\"" + honeypot + "\" is a field of the form: people would fill it and be taken for bots"));
        }
        return problems;
    }
}
