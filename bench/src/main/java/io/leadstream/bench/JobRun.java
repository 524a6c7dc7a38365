package io.leadstream.bench;

import io.vertx.core.json.JsonObject;

/** One measured job: events per second once output flows, and its checkpoint at the end. */
public record JobRun(String job, int round, long records, double seconds, long checkpointBytes) {
    public double perSecond() {
        return records / seconds;
    }

    public JsonObject toJson() {
        return new JsonObject().put("job", job).put("round", round).put("records", records)
                .put("seconds", Math.round(seconds * 100) / 100.0)
                .put("eventsPerSecond", Math.round(perSecond()))
                .put("checkpointBytes", checkpointBytes);
    }
}
