package io.leadstream.gateway.definitions;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** An asset: {@code {"title": "Price list", "url": "https://cdn.example/price-list.pdf"}}. */
public final class AssetDefinitionValidator implements DefinitionValidator {

    @Override
    public List<String> validate(String id, JsonObject doc) {
        List<String> problems = new ArrayList<>();
        Object url = doc.getValue("url");
        if (!(url instanceof String u) || !(u.startsWith("https://") || u.startsWith("http://")) || u.length() > 2048) {
            problems.add("url: an http(s) URL (max 2048 characters) is required");
        }
        Object title = doc.getValue("title");
        if (title != null && !(title instanceof String)) {
            problems.add("title: a string");
        }
        return problems;
    }
}
