package io.leadstream.workers;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadstream.definitions.DefinitionCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which emails hang under which, from the email definitions as read: each email's A/B variants (itself,
 * variant A, first; then the others by id) and translations by language. Worked out once per read of the
 * definitions ({@link DefinitionReads} hands out the same map until it reads them again).
 */
final class EmailFamilies {
    /** One read's index. */
    record Index(Map<String, List<Variant>> variants, Map<String, Map<String, String>> translations) {}

    /** A variant of a tested email, with its weight. */
    record Variant(String emailId, int weight) {}

    private final DefinitionCatalog definitions;
    private volatile Map<String, JsonNode> indexed;
    private volatile Index index = new Index(Map.of(), Map.of());

    EmailFamilies(DefinitionCatalog definitions) {
        this.definitions = definitions;
    }

    /** The email's variants, itself first; empty when it is not tested. */
    List<Variant> variants(String emailId) {
        return current().variants().getOrDefault(emailId, List.of());
    }

    /**
     * The email's translation for a contact's {@code preferred_locale} ("fr", "fr_CA", "pt-BR"): the exact
     * language, else the locale's language alone; null when none (the email itself goes).
     */
    String translation(String emailId, String locale) {
        Map<String, String> byLanguage = current().translations().get(emailId);
        if (byLanguage == null || locale == null || locale.isBlank()) {
            return null;
        }
        String tag = locale.strip().replace('_', '-').toLowerCase(Locale.ROOT);
        String exact = byLanguage.get(tag);
        return exact != null ? exact : byLanguage.get(tag.split("-")[0]);
    }

    private Index current() {
        Map<String, JsonNode> emails = definitions.all("emails");
        if (emails != indexed) {
            index = index(emails);
            indexed = emails;
        }
        return index;
    }

    static Index index(Map<String, JsonNode> emails) {
        Map<String, List<Variant>> variants = new HashMap<>();
        Map<String, Map<String, String>> translations = new HashMap<>();
        new TreeMap<>(emails).forEach((id, doc) -> {
            String variantOf = doc.path("variantOf").asText(null);
            if (variantOf != null && emails.containsKey(variantOf)) {
                variants.computeIfAbsent(variantOf, k -> new ArrayList<>(List.of(new Variant(k, weight(emails.get(k))))))
                        .add(new Variant(id, weight(doc)));
            }
            String translationOf = doc.path("translationOf").asText(null);
            if (translationOf != null && doc.hasNonNull("language")) {
                translations.computeIfAbsent(translationOf, k -> new HashMap<>()).put(doc.get("language").asText().toLowerCase(Locale.ROOT), id);
            }
        });
        return new Index(variants, translations);
    }

    private static int weight(JsonNode doc) {
        return doc.path("weight").asInt(1);
    }
}
