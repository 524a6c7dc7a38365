package io.leadstream.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields that exist out of the box ({@code leadstream/definitions/standard-fields.json} in the
 * schemas module), under the stored ones: a stored field of the same id replaces a standard one. Contact
 * and company fields are one kind with one namespace of aliases; a company field's definition says
 * {@code "object": "company"} ({@link FieldDefinition#company()}, {@link FieldDefinition#isCompany}),
 * so whoever admits contact fields leaves those out.
 */
public final class StandardFields {
    public static final String KIND = "fields";
    private static final Map<String, JsonNode> STANDARD = read();

    private StandardFields() {}

    /** The standard fields' definitions, by id. */
    public static Map<String, JsonNode> all() {
        return STANDARD;
    }

    public static boolean isStandard(String id) {
        return STANDARD.containsKey(id);
    }

    /** {@code stored}, its fields kind completed with the standard fields it does not replace. */
    public static DefinitionCatalog under(DefinitionCatalog stored) {
        return kind -> {
            if (!KIND.equals(kind)) {
                return stored.all(kind);
            }
            Map<String, JsonNode> all = new LinkedHashMap<>(STANDARD);
            all.putAll(stored.all(kind));
            return all;
        };
    }

    /** Every field {@code catalog} knows, standard ones included, as definitions. */
    public static Map<String, FieldDefinition> definitions(DefinitionCatalog catalog) {
        Map<String, FieldDefinition> out = new LinkedHashMap<>();
        under(catalog).all(KIND).forEach((id, doc) -> out.put(id, FieldDefinition.of(doc)));
        return out;
    }

    private static Map<String, JsonNode> read() {
        String path = "leadstream/definitions/standard-fields.json";
        try (InputStream in = StandardFields.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path);
            }
            Map<String, JsonNode> out = new LinkedHashMap<>();
            new ObjectMapper().readTree(in).path("fields").forEach(f -> out.put(f.path("id").asText(), f));
            return Collections.unmodifiableMap(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
