package io.leadstream.bench.segments;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadstream.definitions.DefinitionCatalog;
import io.leadstream.definitions.DefinitionChecks;
import io.leadstream.definitions.Problem;
import io.leadstream.gateway.definitions.CheckedDefinitions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's definitions, as a marketer might set them up: 50 point actions (page rules,
 * forms, email opens and clicks, some in a group), 5 triggers that tag, and 100 segments using
 * every filter kind (fields, points, behaviour in windows, last active, tags, do-not-contact,
 * nested segments, or-groups), and the point groups, forms and emails they name. Plus a sentinel action and segment that tell the driver when all
 * input went through. Every document passes the API's checks first, among the others.
 */
final class SegmentsBenchDefinitions {
    static final String SENTINEL = "sentinel";
    /** As the country field keeps them (its stored form is the English name). */
    static final String[] COUNTRIES = {"France", "Germany", "United States", "United Kingdom", "Spain", "Italy", "Netherlands", "Belgium",
            "Canada", "Brazil"};
    static final String[] PLANS = {"free", "starter", "pro", "enterprise"};

    record Definition(String kind, String id, JsonObject document) {}

    private SegmentsBenchDefinitions() {}

    /** Everything, with the first {@code segmentCount} of the 100 segments (and always the sentinel). */
    static List<Definition> all(int segmentCount) {
        return checked(unchecked(segmentCount));
    }

    private static List<Definition> unchecked(int segmentCount) {
        List<Definition> out = new ArrayList<>();
        named(out);
        pointActions(out);
        triggers(out);
        List<Definition> segments = new ArrayList<>();
        segments(segments);
        out.addAll(segments.stream().filter(d -> d.id().equals(SENTINEL)).toList());
        out.addAll(segments.stream().filter(d -> !d.id().equals(SENTINEL)).limit(segmentCount).toList());
        return out;
    }

    private static List<Definition> checked(List<Definition> out) {
        java.util.Map<String, java.util.Map<String, JsonNode>> byKind = new java.util.HashMap<>();
        for (Definition d : out) {
            byKind.computeIfAbsent(d.kind(), k -> new java.util.HashMap<>()).put(d.id(), CheckedDefinitions.tree(d.document()));
        }
        DefinitionChecks checks = new DefinitionChecks();
        List<String> problems = new ArrayList<>();
        for (Definition d : out) {
            for (Problem p : checks.check(d.kind(), d.id(), byKind.get(d.kind()).get(d.id()), DefinitionCatalog.of(byKind))) {
                problems.add(d.kind() + "/" + d.id() + " " + p);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid benchmark definitions: " + problems);
        }
        return out;
    }

    /** What the actions and segments name: their point groups, forms and emails. */
    private static void named(List<Definition> out) {
        JsonArray plans = new JsonArray();
        for (String plan : PLANS) {
            plans.add(new JsonObject().put("value", plan));
        }
        out.add(new Definition("fields", "plan", new JsonObject().put("id", "plan").put("label", "Plan").put("type", "select").put("options", plans)));
        out.add(new Definition("fields", SENTINEL, new JsonObject().put("id", SENTINEL).put("label", "Sentinel").put("type", "text")));
        for (String group : List.of("product", SENTINEL)) {
            out.add(new Definition("point-groups", group, new JsonObject().put("id", group).put("name", group)));
        }
        for (int i = 0; i < 5; i++) {
            out.add(new Definition("forms", "f" + i, new JsonObject().put("id", "f" + i).put("name", "Form " + i)
                    .put("fields", new JsonArray().add(new JsonObject().put("alias", "email").put("type", "email")))));
        }
        for (int i = 0; i < 3; i++) {
            out.add(new Definition("emails", "e" + i, new JsonObject().put("id", "e" + i).put("name", "Email " + i).put("type", "marketing")
                    .put("from", "news@shop.example").put("subject", "News " + i).put("html", "<p>News</p>").put("text", "News")));
        }
    }

    static long count(List<Definition> definitions, String kind) {
        return definitions.stream().filter(d -> d.kind().equals(kind) && !d.id().equals(SENTINEL)).count();
    }

    private static void pointActions(List<Definition> out) {
        for (int i = 0; i < 40; i++) {
            JsonObject a = action("page-" + i, "page_hit", 1 + i % 10).put("url", "https://shop.example.com/products/" + i + "*");
            switch (i % 4) {
                case 0 -> a.put("rule", "first_time");
                case 1 -> a.put("rule", "hits").put("hits", 3);
                case 2 -> a.put("rule", "returns_within").put("window", "P1D").put("repeatable", true);
                default -> a.put("repeatable", true);
            }
            if (i % 5 == 0) {
                a.put("group", "product");
            }
            out.add(new Definition("point-actions", a.getString("id"), a));
        }
        for (int i = 0; i < 5; i++) {
            out.add(def("point-actions", action("form-" + i, "form_submit", 20).put("form", "f" + i)));
        }
        for (int i = 0; i < 3; i++) {
            out.add(def("point-actions", action("open-" + i, "email_open", 2).put("email", "e" + i).put("repeatable", true)));
        }
        for (int i = 0; i < 2; i++) {
            out.add(def("point-actions", action("click-" + i, "email_click", 5).put("email", "e" + i)));
        }
        out.add(def("point-actions", action(SENTINEL, "page_hit", 1).put("url", "*/sentinel").put("group", SENTINEL)));
    }

    private static JsonObject action(String id, String type, int points) {
        return new JsonObject().put("id", id).put("name", id).put("type", type).put("points", points);
    }

    private static void triggers(List<Definition> out) {
        int[] thresholds = {20, 50, 100, 200, 500};
        for (int t : thresholds) {
            out.add(def("point-triggers", new JsonObject().put("id", "score-" + t).put("name", "score " + t).put("threshold", t)
                    .put("actions", new JsonArray().add(new JsonObject().put("type", "tags_add").put("tags", new JsonArray().add("score-" + t))))));
        }
    }

    private static void segments(List<Definition> out) {
        for (int i = 0; i < 10; i++) {
            segment(out, "country-" + i, filter("field").put("field", "country").put("operator", "eq").put("value", COUNTRIES[i]));
        }
        for (int i = 0; i < 4; i++) {
            segment(out, "plan-" + i, filter("field").put("field", "plan").put("operator", "in").put("value", new JsonArray().add(PLANS[i]).add(PLANS[(i + 1) % 4])));
        }
        for (int i = 0; i < 6; i++) {
            segment(out, "email-" + i, filter("field").put("field", "email").put("operator", "like").put("value", "%" + i + "@example.com"));
        }
        for (int i = 0; i < 20; i++) {
            JsonObject points = filter("points").put("operator", "gte").put("value", 5 + i * 5);
            if (i % 4 == 0) {
                points.put("group", "product");
            }
            segment(out, "points-" + i, points);
        }
        for (int i = 0; i < 20; i++) {
            segment(out, "visited-" + i, filter("behavior").put("behavior", "page_hit").put("url", "https://shop.example.com/products/" + i + "*")
                    .put("within", "P7D").put("count", 2));
        }
        segment(out, "active-day", filter("behavior").put("behavior", "any_event").put("within", "P1D"));
        for (int i = 0; i < 4; i++) {
            segment(out, "form-" + i, filter("behavior").put("behavior", "form_submit").put("form", "f" + i));
        }
        String[] since = {"-1 day", "-2 days", "-7 days", "-30 days", "today", "this week", "-12 hours", "-3 days", "-14 days", "yesterday"};
        for (int i = 0; i < 10; i++) {
            segment(out, "seen-" + i, filter("last_active").put("operator", "gte").put("date", since[i]));
        }
        for (int i = 0; i < 5; i++) {
            segment(out, "tagged-" + i, filter("tags").put("operator", "any").put("tags", new JsonArray().add("score-" + new int[] {20, 50, 100, 200, 500}[i])));
        }
        segment(out, "reachable", filter("dnc").put("operator", "is_not"));
        segment(out, "unsubscribed", filter("dnc").put("operator", "is"));
        for (int i = 0; i < 10; i++) {
            segment(out, "nested-" + i, filter("segment").put("segment", "country-" + i).put("operator", "member"),
                    filter("segment").put("segment", "points-" + (i + 5)).put("operator", "member"),
                    filter("segment").put("segment", "unsubscribed").put("operator", "not_member"));
        }
        for (int i = 0; i < 8; i++) {
            segment(out, "either-" + i, filter("segment").put("segment", "visited-" + i).put("operator", "member"),
                    filter("points").put("operator", "gte").put("value", 30),
                    filter("field").put("field", "plan").put("operator", "eq").put("value", "enterprise").put("glue", "or"));
        }
        segment(out, SENTINEL, filter("field").put("field", SENTINEL).put("operator", "eq").put("value", "yes"),
                filter("points").put("group", SENTINEL).put("operator", "gte").put("value", 1));
    }

    private static JsonObject filter(String kind) {
        return new JsonObject().put("kind", kind);
    }

    private static void segment(List<Definition> out, String id, JsonObject... filters) {
        out.add(def("segments", new JsonObject().put("id", id).put("name", id).put("filters", new JsonArray(List.of((Object[]) filters)))));
    }

    private static Definition def(String kind, JsonObject document) {
        return new Definition(kind, document.getString("id"), document);
    }
}
