package io.leadstream.bench;

import io.vertx.core.json.JsonObject;

/** One completed checkpoint: the state it covers, the bytes it wrote itself (less when incremental), its duration. */
public record CheckpointFigures(long stateBytes, long writtenBytes, long millis) {

    public JsonObject toJson() {
        return new JsonObject().put("stateBytes", stateBytes).put("writtenBytes", writtenBytes).put("millis", millis);
    }
}
