package io.leadstream.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;

/** The gateway's OpenAPI document, for the tests that check answers against it. */
final class OpenApiDocument {
    private OpenApiDocument() {}

    /**
     * The document as Vert.x OpenAPI can load it: it knows only a few media types, so the others
     * (the bounce endpoint's DSN types, CSV) become application/octet-stream here. Those bodies are
     * not JSON, so their schemas are plain strings either way and nothing checked is lost.
     */
    static JsonObject loadable(String yaml) throws Exception {
        JsonObject doc = new JsonObject(new ObjectMapper(new YAMLFactory()).readValue(yaml, Map.class));
        JsonObject paths = doc.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            for (Map.Entry<String, Object> op : paths.getJsonObject(path)) {
                if (op.getValue() instanceof JsonObject operation) {
                    if (operation.containsKey("requestBody")) {
                        octetStreams(operation.getJsonObject("requestBody").getJsonObject("content"));
                    }
                    for (Map.Entry<String, Object> response : operation.getJsonObject("responses", new JsonObject())) {
                        if (response.getValue() instanceof JsonObject r && r.containsKey("content")) {
                            octetStreams(r.getJsonObject("content"));
                        }
                    }
                }
            }
        }
        return doc;
    }

    private static void octetStreams(JsonObject content) {
        for (String type : Set.copyOf(content.fieldNames())) {
            if (!type.startsWith("application/json")) {
                content.put("application/octet-stream", content.remove(type));
            }
        }
    }
}
