package io.leadstream.gateway.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadstream.definitions.DefinitionCatalog;
import io.leadstream.definitions.DefinitionChecks;
import io.leadstream.definitions.Problem;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The shared definition checks ({@link DefinitionChecks}) against what this gateway's cache holds now. */
public final class CheckedDefinitions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DefinitionChecks checks;
    private final DefinitionsCache cache;
    private final DefinitionCatalog catalog;

    /** {@code identifierFields}: the engine's unique identifiers (engine.identifier-fields). */
    public CheckedDefinitions(DefinitionsCache cache, Set<String> identifierFields) {
        this.checks = new DefinitionChecks(identifierFields);
        this.cache = cache;
        this.catalog = kind -> {
            Map<String, JsonNode> out = new LinkedHashMap<>();
            cache.all(kind).forEach((id, doc) -> out.put(id, tree(doc)));
            return out;
        };
    }

    public Set<String> kinds() {
        return checks.kinds();
    }

    public Set<String> identifierFields() {
        return checks.identifierFields();
    }

    /** This gateway's definitions as the shared code reads them (each call converts what it asks for). */
    public DefinitionCatalog catalog() {
        return catalog;
    }

    public DefinitionsCache cache() {
        return cache;
    }

    /** What is wrong with {@code doc} as {@code kind}/{@code id}; empty when it may be stored. */
    public List<Problem> problems(String kind, String id, JsonObject doc) {
        return checks.check(kind, id, tree(doc), catalog);
    }

    /** The definitions that name {@code kind}/{@code id}, as "kind/id". */
    public List<String> referrers(String kind, String id) {
        return checks.referrers(kind, id, catalog);
    }

    /** A Vert.x document as the checks read it (the gateway, {@code apply} and the benchmarks hold Vert.x ones). */
    public static JsonNode tree(JsonObject doc) {
        try {
            return JSON.readTree(doc.encode());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a JSON object that does not read back", e);
        }
    }
}
