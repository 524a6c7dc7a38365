package io.leadstream.gateway.definitions;

import io.vertx.core.json.JsonObject;

/**
 * Counts who a segment as written would hold, over the recorded events. The engine's classes do it
 * (a bounded Flink job, as for {@link CampaignDryRuns}); whoever hosts both plugs one in.
 */
public interface SegmentPreviews {
    /** Blocking: {@code members} and a {@code sample} of contact ids. */
    JsonObject preview(JsonObject segment) throws Exception;
}
