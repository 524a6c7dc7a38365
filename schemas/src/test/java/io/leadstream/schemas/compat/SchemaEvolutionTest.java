package io.leadstream.schemas.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/**
 * Every schema of a released version (src/test/resources/released/VERSION, each record as it was,
 * self-contained) can still be read by this version's schema of the same name: records on Kafka
 * topics and in the engine's state written by a release are read by the next one. A schema a
 * release had may not disappear. New schemas, and new fields with defaults, are fine.
 */
class SchemaEvolutionTest {

    @Test
    void eachReleasedSchemaIsReadableByTheCurrentOne() throws Exception {
        List<Path> released = releasedSchemas();
        assertThat(released).as("the schemas of at least one release").isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Path file : released) {
            Schema old = new Schema.Parser().parse(file.toFile());
            Schema now = current(old.getFullName());
            if (now == null) {
                problems.add(file.getParent().getFileName() + "/" + old.getFullName() + ": no longer exists");
                continue;
            }
            SchemaCompatibility.SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(now, old);
            if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
                problems.add(file.getParent().getFileName() + "/" + old.getFullName() + ": " + result.getResult().getIncompatibilities());
            }
        }
        assertThat(problems).as("released data this version could not read").isEmpty();
    }

    @Test
    void aFieldWithoutADefaultIsCaught() throws Exception {
        Schema old = new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"R\", \"fields\": [{\"name\": \"a\", \"type\": \"string\"}]}");
        Schema added = new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"R\", \"fields\": [{\"name\": \"a\", \"type\": \"string\"},"
                + " {\"name\": \"b\", \"type\": \"string\"}]}");
        Schema defaulted = new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"R\", \"fields\": [{\"name\": \"a\", \"type\": \"string\"},"
                + " {\"name\": \"b\", \"type\": [\"null\", \"string\"], \"default\": null}]}");
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(added, old).getType()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(defaulted, old).getType()).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    private static List<Path> releasedSchemas() throws IOException, URISyntaxException {
        Path root = Path.of(SchemaEvolutionTest.class.getResource("/released").toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
        }
    }

    /** The generated class's schema, or null when there is none of that name. */
    private static Schema current(String fullName) throws ReflectiveOperationException {
        try {
            return (Schema) Class.forName(fullName).getField("SCHEMA$").get(null);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }
}
