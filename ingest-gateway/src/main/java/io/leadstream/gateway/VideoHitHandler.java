package io.leadstream.gateway;

import io.leadstream.schemas.event.CustomEvent;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /video/hit} (or GET): how long the visitor watched a video, as Mautic's video
 * tracking sends it: {@code url} (the video), {@code duration} and {@code time} (seconds watched),
 * {@code page_url}, {@code guid} (one viewing). A custom event {@value #NAME} of the device's
 * contact, on raw-events before the answer {@code {"success": 1}}; point actions and campaign
 * decisions can match it by name.
 */
final class VideoHitHandler implements Handler<RoutingContext> {
    static final String NAME = "video_hit";

    private final EventPublisher publisher;
    private final TrackingEvents events;
    private final GatewayMetrics metrics;

    VideoHitHandler(EventPublisher publisher, TrackingEvents events, GatewayMetrics metrics) {
        this.publisher = publisher;
        this.events = events;
        this.metrics = metrics;
    }

    @Override
    public void handle(RoutingContext ctx) {
        MultiMap raw = PageHitHandler.bodyParams(ctx);
        if (raw == null) {
            return;
        }
        TrackerParameters params = new TrackerParameters(raw);
        String video = params.get("url");
        if (video == null || !(video.startsWith("http://") || video.startsWith("https://"))) {
            metrics.rejected("video without url");
            Responses.badRequest(ctx, "url: the video's http(s) address is required");
            return;
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("url", video);
        for (String seconds : new String[] {"duration", "time"}) {
            Integer v = params.getInt(seconds);
            if (params.get(seconds) != null && (v == null || v < 0)) {
                Responses.badRequest(ctx, seconds + ": whole seconds, 0 or more");
                return;
            }
            if (v != null) {
                properties.put(seconds.equals("time") ? "watched" : seconds, Integer.toString(v));
            }
        }
        putIfPresent(properties, "page_url", params.get("page_url"));
        putIfPresent(properties, "guid", params.get("guid"));
        if (ClientInfo.doNotTrack(ctx.request(), params)) {
            metrics.rejected("do-not-track");
            ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("success", 1).encode());
            return;
        }
        String deviceId = events.devices().resolve(ctx.request(), ctx.response(), params.get(DeviceIds.COOKIE));
        TrackingEvent event = events.envelope(ctx.request(), params, Source.TRACKER).setDeviceId(deviceId)
                .setPayload(CustomEvent.newBuilder().setName(NAME).setProperties(properties).build()).build();
        AckedReply.send(publisher, metrics, ctx, event, "video_hit", () -> ctx.response().putHeader("Content-Type", "application/json")
                .end(PageHitHandler.visitor(deviceId).put("success", 1).encode()));
    }

    private static void putIfPresent(Map<String, String> properties, String key, String value) {
        if (value != null && !value.isBlank()) {
            properties.put(key, value);
        }
    }
}
