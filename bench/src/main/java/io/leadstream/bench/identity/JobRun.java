package io.leadstream.bench.identity;

import io.vertx.core.json.JsonObject;

/** One measured job: output records per second once output flows, and its checkpoint at the end. */
record JobRun(String job, int round, long records, double seconds, long checkpointBytes) {
    double perSecond() {
        return records / seconds;
    }

    JsonObject toJson() {
        return new JsonObject().put("job", job).put("round", round).put("records", records)
                .put("seconds", Math.round(seconds * 100) / 100.0)
                .put("eventsPerSecond", Math.round(perSecond()))
                .put("checkpointBytes", checkpointBytes);
    }
}
