package io.leadstream.gateway.definitions;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** Checks one kind of definition document; returns every problem found, empty when valid. */
public interface DefinitionValidator {

    List<String> validate(String id, JsonObject document);
}
