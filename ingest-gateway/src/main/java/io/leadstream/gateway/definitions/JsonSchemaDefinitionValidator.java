package io.leadstream.gateway.definitions;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Validates a kind of definition against its JSON Schema, {@code leadstream/definitions/<kind>.schema.json}
 * in the schemas module (the documented format), and reports every violation with where it is.
 */
public final class JsonSchemaDefinitionValidator implements DefinitionValidator {
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final Schema schema;

    private JsonSchemaDefinitionValidator(String schema) {
        this.schema = REGISTRY.getSchema(schema);
    }

    /** The validator of {@code kind} (e.g. "segments"), from its schema on the classpath. */
    public static JsonSchemaDefinitionValidator forKind(String kind) {
        return new JsonSchemaDefinitionValidator(schema(kind));
    }

    static String schema(String kind) {
        String path = "leadstream/definitions/" + kind + ".schema.json";
        try (InputStream in = JsonSchemaDefinitionValidator.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No JSON Schema for definitions of kind " + kind + " (" + path + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> validate(String id, JsonObject document) {
        return schema.validate(document.encode(), InputFormat.JSON).stream().map(JsonSchemaDefinitionValidator::describe).distinct().toList();
    }

    /** "location: message", with the document itself named rather than an empty pointer. */
    private static String describe(Error error) {
        String text = error.toString();
        return text.startsWith(": ") ? "document" + text : text;
    }
}
