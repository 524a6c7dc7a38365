package io.leadstream.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A kind's JSON Schema, {@code leadstream/definitions/<kind>.schema.json} in the schemas module (the
 * documented format, also in the OpenAPI document). Formats are asserted, not only annotations: a
 * {@code date-time} on February 30 is a problem, as is any property a schema does not name.
 */
final class DefinitionSchemas {
    private static final String PUBLISHED_AT = "https://leadstream.io/schemas/definitions/";
    // One kind's schema may use another's $defs ("dynamic-content.schema.json#/$defs/filter"): read from here, not fetched.
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).pathType(PathType.JSON_POINTER).build())
                    .schemaIdResolvers(r -> r.mapPrefix(PUBLISHED_AT, "classpath:leadstream/definitions/")));

    private final Schema schema;

    private DefinitionSchemas(Schema schema) {
        this.schema = schema;
    }

    static DefinitionSchemas forKind(String kind) {
        return new DefinitionSchemas(REGISTRY.getSchema(text(kind)));
    }

    /** The schema's text, as published. */
    static String text(String kind) {
        String path = "leadstream/definitions/" + kind + ".schema.json";
        try (InputStream in = DefinitionSchemas.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No JSON Schema for definitions of kind " + kind + " (" + path + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Problem> check(JsonNode doc) {
        return schema.validate(doc).stream().map(DefinitionSchemas::problem).distinct().toList();
    }

    private static Problem problem(Error error) {
        String pointer = error.getInstanceLocation().toString();
        String message = error.getMessage();
        // The library's message starts with the location; the pointer says it already.
        if (message.startsWith(pointer + ": ")) {
            message = message.substring(pointer.length() + 2);
        } else if (message.startsWith(": ")) {
            message = message.substring(2);
        }
        return new Problem(pointer, message);
    }
}
