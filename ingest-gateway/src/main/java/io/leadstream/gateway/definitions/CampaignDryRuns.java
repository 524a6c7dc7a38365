package io.leadstream.gateway.definitions;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Runs a campaign over the recorded events, sending nothing. The engine's classes do it (a bounded
 * Flink job); the gateway alone has none, so whoever hosts both (the local run) plugs one in.
 */
public interface CampaignDryRuns {
    /** Blocking: the answer's JSON ({@code sends}, {@code stats}, ...). {@code until} may be null. */
    JsonObject run(JsonObject campaign, Instant until) throws Exception;
}
