package io.leadstream.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An email's A/B variants ({@code variantOf}) and translations ({@code translationOf}) hang under the
 * email they name: a send picks among the variants, then among the translations of the one picked, so a
 * variant may have translations, but a variant of a variant or a translation of a translation would
 * never be reached. A variant is of
 * its email's type; a translation names its language, one per language.
 */
final class EmailFamilyChecks {
    private EmailFamilyChecks() {}

    static List<Problem> check(String id, JsonNode doc, DefinitionCatalog stored) {
        List<Problem> problems = new ArrayList<>();
        Map<String, JsonNode> emails = stored.all("emails");
        String variantOf = doc.path("variantOf").asText(null);
        String translationOf = doc.path("translationOf").asText(null);
        if (variantOf != null && translationOf != null) {
            problems.add(new Problem("/translationOf", "an email is a variant or a translation, not both"));
        }
        if (variantOf != null) {
            problems.addAll(parent(id, "/variantOf", variantOf, emails, "variant", true));
            JsonNode parent = emails.get(variantOf);
            if (parent != null && !parent.path("type").asText().equals(doc.path("type").asText())) {
                problems.add(new Problem("/type", "a variant is of its email's type, " + parent.path("type").asText()));
            }
            for (String own : List.of("abTest", "segments")) {
                if (doc.has(own)) {
                    problems.add(new Problem("/" + own, "a variant's " + own + " are its email's (" + variantOf + ")"));
                }
            }
        }
        if (translationOf != null) {
            problems.addAll(parent(id, "/translationOf", translationOf, emails, "translation", false));
            String language = doc.path("language").asText(null);
            if (language == null) {
                problems.add(new Problem("/language", "a translation names its language"));
            } else {
                emails.forEach((other, e) -> {
                    if (!other.equals(id) && translationOf.equals(e.path("translationOf").asText(null))
                            && language.equalsIgnoreCase(e.path("language").asText())) {
                        problems.add(new Problem("/language", "email " + other + " is already the " + language + " translation of " + translationOf));
                    }
                });
            }
        }
        if (variantOf != null || translationOf != null) {
            String property = variantOf != null ? "variantOf" : "translationOf";
            emails.forEach((other, e) -> {
                // A variant may have translations; nothing hangs under a translation.
                boolean under = id.equals(e.path("variantOf").asText(null)) || translationOf != null && id.equals(e.path("translationOf").asText(null));
                if (!other.equals(id) && under) {
                    problems.add(new Problem("/" + property, "email " + other + " hangs under this one, which cannot hang under another"));
                }
            });
        }
        return problems;
    }

    /** {@code strict}: the parent may be neither a variant nor a translation; else (a translation's) it may be a variant. */
    private static List<Problem> parent(String id, String at, String parentId, Map<String, JsonNode> emails, String what, boolean strict) {
        if (parentId.equals(id)) {
            return List.of(new Problem(at, "an email cannot be a " + what + " of itself"));
        }
        JsonNode parent = emails.get(parentId);
        if (parent != null && (strict && parent.has("variantOf") || parent.has("translationOf"))) {
            return List.of(new Problem(at, "email " + parentId + " is itself " + (strict ? "a variant or translation" : "a translation")
                    + "; name the email it belongs to"));
        }
        return List.of(); // one not defined is a missing reference, reported with the others
    }
}
