package io.leadstream.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a landing page's schema cannot say: its alias is its own (no other page's, none of the
 * gateway's paths), its publish window is not empty, a translation translates a page that is not
 * one itself, and an A/B variant tests an original whose variants leave it some visitors.
 */
public final class PageChecks {
    /**
     * The first path segments the gateway (and the launcher's demo) answers before pages: a page
     * there would never be shown. {@code LandingPagesIT} holds the gateway to this list.
     */
    public static final Set<String> RESERVED = Set.of("api", "app", "asset", "demo", "dwc", "email", "focus", "form", "health", "metrics", "mtc",
            "mtracking", "oauth", "page", "r", "ready", "video");

    private PageChecks() {}

    static List<Problem> check(String id, JsonNode doc, DefinitionCatalog stored) {
        List<Problem> problems = new ArrayList<>();
        String alias = doc.path("alias").asText();
        if (RESERVED.contains(alias)) {
            problems.add(new Problem("/alias", "\"" + alias + "\" is one of the gateway's own paths; reserved: " + new java.util.TreeSet<>(RESERVED)));
        }
        for (Map.Entry<String, JsonNode> other : stored.all("pages").entrySet()) {
            if (!other.getKey().equals(id) && alias.equals(other.getValue().path("alias").asText())) {
                problems.add(new Problem("/alias", "\"" + alias + "\" is already the alias of page \"" + other.getKey() + "\""));
            }
        }
        if (doc.hasNonNull("publishUp") && doc.hasNonNull("publishDown")
                && !OffsetDateTime.parse(doc.get("publishUp").asText()).isBefore(OffsetDateTime.parse(doc.get("publishDown").asText()))) {
            problems.add(new Problem("/publishDown", "must be after publishUp"));
        }
        String parent = doc.path("translationOf").asText(null);
        if (parent != null) {
            JsonNode translated = stored.all("pages").get(parent);
            if (parent.equals(id)) {
                problems.add(new Problem("/translationOf", "a page cannot translate itself"));
            } else if (translated != null && translated.hasNonNull("translationOf")) {
                problems.add(new Problem("/translationOf", "page \"" + parent + "\" is itself a translation (of \""
                        + translated.get("translationOf").asText() + "\"): name that one"));
            }
        }
        String original = doc.path("variantOf").asText(null);
        if (original != null) {
            JsonNode tested = stored.all("pages").get(original);
            if (original.equals(id)) {
                problems.add(new Problem("/variantOf", "a page cannot be a variant of itself"));
            } else if (tested != null && (tested.hasNonNull("variantOf") || tested.hasNonNull("translationOf"))) {
                problems.add(new Problem("/variantOf", "page \"" + original + "\" is itself a variant or a translation: name the original"));
            } else {
                int others = stored.all("pages").entrySet().stream()
                        .filter(e -> !e.getKey().equals(id) && original.equals(e.getValue().path("variantOf").asText(null)))
                        .mapToInt(e -> e.getValue().path("weight").asInt()).sum();
                if (others + doc.path("weight").asInt() > 99) {
                    problems.add(new Problem("/weight", "the variants of \"" + original + "\" would take " + (others + doc.path("weight").asInt())
                            + "% of its visitors; the original keeps at least 1%"));
                }
            }
        }
        return problems;
    }
}
