package io.leadstream.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A field as its definition (a document its schema accepted) says: alias, type, options and flags,
 * and whose field it is: a contact's (the default) or a company's ({@code "object": "company"}).
 * Both objects share the types and stored forms; only contact fields are set by hits, forms, imports
 * and contact updates.
 */
public record FieldDefinition(String alias, String label, FieldType type, List<String> options, boolean unique,
                              boolean publiclyUpdatable, String defaultValue, boolean company) {
    /** The {@code object} of a contact field (the default). */
    public static final String CONTACT = "contact";
    /** The {@code object} of a company field. */
    public static final String COMPANY = "company";

    /** A contact field. */
    public FieldDefinition(String alias, String label, FieldType type, List<String> options, boolean unique,
                           boolean publiclyUpdatable, String defaultValue) {
        this(alias, label, type, options, unique, publiclyUpdatable, defaultValue, false);
    }

    public static FieldDefinition of(JsonNode doc) {
        List<String> options = new ArrayList<>();
        doc.path("options").forEach(o -> options.add(o.path("value").asText()));
        return new FieldDefinition(doc.path("id").asText(), doc.path("label").asText(),
                FieldType.of(doc.path("type").asText()).orElse(FieldType.TEXT), List.copyOf(options),
                doc.path("unique").asBoolean(false), doc.path("publiclyUpdatable").asBoolean(false),
                doc.hasNonNull("default") ? doc.get("default").asText() : null, isCompany(doc));
    }

    /** Whether the field definition {@code doc} is a company field ({@code "object": "company"}); absent means contact. */
    public static boolean isCompany(JsonNode doc) {
        return COMPANY.equals(doc.path("object").asText(CONTACT));
    }

    /** {@value #CONTACT} or {@value #COMPANY}. */
    public String object() {
        return company ? COMPANY : CONTACT;
    }

    /** {@code raw} as this field keeps it, or why it cannot be. */
    public FieldValues.Coerced coerce(String raw) {
        return FieldValues.coerce(this, raw);
    }
}
