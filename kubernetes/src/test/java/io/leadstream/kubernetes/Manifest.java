package io.leadstream.kubernetes;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/** One document of a manifest file: where it is (file, position) and its content as a tree. */
record Manifest(String file, int index, JsonNode node) {
    /** The folder of the manifests, relative to the module (Surefire's working directory). */
    static final Path DIR = Path.of("manifests");

    // kubectl rejects a key given twice in one mapping; so does this reader.
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    /** Every document of every {@code *.yaml} file in {@link #DIR}, in file order. */
    static List<Manifest> all() {
        try (Stream<Path> files = Files.list(DIR)) {
            List<Manifest> out = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                out.addAll(parse(file.getFileName().toString(), Files.readString(file)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documents of one file's text (a test may change the text first). */
    static List<Manifest> parse(String file, String yaml) {
        List<Manifest> out = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(yaml)) {
            var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(parser);
            while (docs.hasNextValue()) {
                JsonNode node = docs.nextValue();
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    out.add(new Manifest(file, out.size() + 1, node));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** {@code apps/v1/Deployment}: the published schema to check against is chosen by this. */
    String type() {
        return node.path("apiVersion").asText() + "/" + node.path("kind").asText();
    }

    String kind() {
        return node.path("kind").asText();
    }

    String name() {
        return node.path("metadata").path("name").asText();
    }

    /** A JSON pointer into the document. */
    JsonNode at(String pointer) {
        return node.at(pointer);
    }

    /** {@code gateway.yaml #1 Deployment/leadstream-gateway}: how a failure names the document. */
    @Override
    public String toString() {
        return file + " #" + index + " " + kind() + "/" + name();
    }

    /**
     * Calls {@code each} with every node a pointer pattern reaches, and its concrete path; {@code *} in the pattern
     * stands for every element of an array ({@code /spec/template/spec/containers/*}).
     */
    static void select(JsonNode root, String pattern, BiConsumer<String, JsonNode> each) {
        select(root, "", pattern.isEmpty() ? new String[0] : pattern.substring(1).split("/"), 0, each);
    }

    private static void select(JsonNode node, String path, String[] steps, int i, BiConsumer<String, JsonNode> each) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return;
        }
        if (i == steps.length) {
            each.accept(path, node);
        } else if (steps[i].equals("*")) {
            for (int k = 0; k < node.size(); k++) {
                select(node.path(k), path + "/" + k, steps, i + 1, each);
            }
        } else {
            select(node.get(steps[i]), path + "/" + steps[i], steps, i + 1, each);
        }
    }

    /** The path (JSON pointer) of the first node of {@code root} equal to {@code wanted}, or empty. */
    static String pathOf(JsonNode root, JsonNode wanted) {
        return find(root, "", wanted);
    }

    private static String find(JsonNode node, String path, JsonNode wanted) {
        if (node.equals(wanted)) {
            return path.isEmpty() ? "/" : path;
        }
        if (node.isObject()) {
            for (var it = node.fields(); it.hasNext(); ) {
                var field = it.next();
                String found = find(field.getValue(), path + "/" + field.getKey(), wanted);
                if (!found.isEmpty()) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int k = 0; k < node.size(); k++) {
                String found = find(node.get(k), path + "/" + k, wanted);
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }
        return "";
    }
}
