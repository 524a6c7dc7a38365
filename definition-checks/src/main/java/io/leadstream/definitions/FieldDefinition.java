package io.leadstream.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A contact field as its definition (a document its schema accepted) says: alias, type, options and flags. */
public record FieldDefinition(String alias, String label, FieldType type, List<String> options, boolean unique,
                              boolean publiclyUpdatable, String defaultValue) {

    public static FieldDefinition of(JsonNode doc) {
        List<String> options = new ArrayList<>();
        doc.path("options").forEach(o -> options.add(o.path("value").asText()));
        return new FieldDefinition(doc.path("id").asText(), doc.path("label").asText(),
                FieldType.of(doc.path("type").asText()).orElse(FieldType.TEXT), List.copyOf(options),
                doc.path("unique").asBoolean(false), doc.path("publiclyUpdatable").asBoolean(false),
                doc.hasNonNull("default") ? doc.get("default").asText() : null);
    }

    /** {@code raw} as this field keeps it, or why it cannot be. */
    public FieldValues.Coerced coerce(String raw) {
        return FieldValues.coerce(this, raw);
    }
}
