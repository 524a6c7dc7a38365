package io.leadstream.gateway;

import io.leadstream.gateway.definitions.DefinitionsCache;
import io.leadstream.schemas.event.AssetDownload;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@code GET /asset/{id}}: records the download and redirects to the asset's stored URL (from its
 * definition, never from the request). Unknown assets get 404 and no event.
 */
final class AssetHandler implements Handler<RoutingContext> {
    private final EventPublisher publisher;
    private final TrackingEvents events;
    private final DefinitionsCache definitions;
    private final GatewayMetrics metrics;

    AssetHandler(EventPublisher publisher, TrackingEvents events, DefinitionsCache definitions, GatewayMetrics metrics) {
        this.publisher = publisher;
        this.events = events;
        this.definitions = definitions;
        this.metrics = metrics;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Optional<JsonObject> asset = id != null && id.matches("[A-Za-z0-9_-]{1,64}") ? definitions.get("assets", id) : Optional.empty();
        if (asset.isEmpty()) {
            metrics.rejected("unknown asset");
            Responses.error(ctx, 404, "unknown asset");
            return;
        }
        String deviceId = events.devices().resolve(ctx.request(), ctx.response());
        TrackingEvent event = events.envelope(ctx.request(), new TrackerParameters(MultiMap.caseInsensitiveMultiMap()), Source.TRACKER)
                .setDeviceId(deviceId)
                .setPayload(AssetDownload.newBuilder().setAssetId(id).setReferrer(ctx.request().getHeader("Referer")).build())
                .build();
        String url = asset.get().getString("url");
        AckedReply.send(publisher, metrics, ctx, event, "asset_download", () ->
                ctx.response().setStatusCode(302).putHeader("Location", url).putHeader("Cache-Control", "no-store").end());
    }
}
