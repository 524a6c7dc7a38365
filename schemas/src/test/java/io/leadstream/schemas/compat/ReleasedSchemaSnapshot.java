package io.leadstream.schemas.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * At a release: writes each schema of this version, self-contained, to
 * {@code src/test/resources/released/VERSION}, where {@link SchemaEvolutionTest} holds every later
 * version to it. Run from the schemas module with its test classpath:
 * {@code java -cp target/classes:target/test-classes:$(cat cp) io.leadstream.schemas.compat.ReleasedSchemaSnapshot VERSION}.
 */
public final class ReleasedSchemaSnapshot {
    private ReleasedSchemaSnapshot() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of("src/test/resources/released", args[0]);
        Files.createDirectories(out);
        ObjectMapper json = new ObjectMapper();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Path.of("src/main/avro"))) {
            sources = files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
        }
        for (Path source : sources) {
            JsonNode doc = json.readTree(source.toFile());
            String name = doc.path("namespace").asText() + "." + doc.path("name").asText();
            Schema schema = (Schema) Class.forName(name).getField("SCHEMA$").get(null);
            Files.writeString(out.resolve(name + ".avsc"), schema.toString(true) + "\n");
        }
    }
}
