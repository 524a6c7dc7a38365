package io.leadstream.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** The definitions stored now: what a new one's references must name, and whose loops it must not close. */
@FunctionalInterface
public interface DefinitionCatalog {

    /** Every stored definition of {@code kind} (e.g. "segments"), by id. */
    Map<String, JsonNode> all(String kind);

    static DefinitionCatalog of(Map<String, Map<String, JsonNode>> byKind) {
        return kind -> byKind.getOrDefault(kind, Map.of());
    }

    /** This catalog, each kind read from it once: one check asks for a kind per definition it names. */
    default DefinitionCatalog readOnce() {
        Map<String, Map<String, JsonNode>> read = new java.util.HashMap<>();
        return kind -> read.computeIfAbsent(kind, this::all);
    }

    /** This catalog as it would be with {@code doc} stored as {@code kind}/{@code id}. */
    default DefinitionCatalog with(String kind, String id, JsonNode doc) {
        DefinitionCatalog stored = this;
        return k -> {
            if (!k.equals(kind)) {
                return stored.all(k);
            }
            Map<String, JsonNode> all = new java.util.HashMap<>(stored.all(k));
            all.put(id, doc);
            return all;
        };
    }
}
