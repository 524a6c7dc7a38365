package io.leadstream.gateway;

import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Page hits with Mautic's tracker parameters: {@code GET /mtracking.gif} (query string, answers
 * the GIF) and {@code POST /mtc/event} (JSON or form body, answers as Mautic does: {@code {id, sid,
 * device_id, events, success}}). Either way the answer comes only after Kafka acknowledged the
 * event. Do-not-track hits are answered without storing anything.
 */
final class PageHitHandler implements Handler<RoutingContext> {
    private final EventPublisher publisher;
    private final TrackingEvents events;
    private final GatewayMetrics metrics;
    private final boolean fromTracker;

    private PageHitHandler(EventPublisher publisher, TrackingEvents events, GatewayMetrics metrics, boolean fromTracker) {
        this.publisher = publisher;
        this.events = events;
        this.metrics = metrics;
        this.fromTracker = fromTracker;
    }

    static PageHitHandler pixel(EventPublisher publisher, TrackingEvents events, GatewayMetrics metrics) {
        return new PageHitHandler(publisher, events, metrics, false);
    }

    static PageHitHandler tracker(EventPublisher publisher, TrackingEvents events, GatewayMetrics metrics) {
        return new PageHitHandler(publisher, events, metrics, true);
    }

    @Override
    public void handle(RoutingContext ctx) {
        MultiMap raw = fromTracker ? bodyParams(ctx) : ctx.queryParams();
        if (raw == null) {
            return;
        }
        TrackerParameters params = new TrackerParameters(raw);
        if (ClientInfo.doNotTrack(ctx.request(), params)) {
            metrics.rejected("do-not-track");
            ctx.response().putHeader("X-LeadStream-Tracked", "0");
            reply(ctx, null, null);
            return;
        }
        String deviceId = events.devices().resolve(ctx.request(), ctx.response(), params.get(DeviceIds.COOKIE));
        TrackingEvent event = events.pageHit(ctx.request(), params, deviceId, fromTracker ? Source.TRACKER : Source.PIXEL);
        if (event == null) {
            metrics.rejected("missing page_url");
            Responses.badRequest(ctx, "page_url is required");
            return;
        }
        AckedReply.send(publisher, metrics, ctx, event, "page_hit", () -> reply(ctx, event, deviceId));
    }

    private void reply(RoutingContext ctx, TrackingEvent event, String deviceId) {
        if (fromTracker) {
            ctx.response().putHeader("Content-Type", "application/json")
                    .end(visitor(event == null ? null : deviceId).put("events", new JsonObject()).put("success", 1).encode());
        } else {
            ctx.response()
                    .putHeader("Content-Type", "image/gif")
                    .putHeader("Cache-Control", "no-store, no-cache, must-revalidate, max-age=0")
                    .end(Buffer.buffer(Gif.PIXEL));
        }
    }

    /**
     * What Mautic's tracker keeps of a visitor: the contact its hits belong to (the device's base
     * contact, which the contacts API resolves to whoever it merged into), and the device id as
     * {@code sid} and {@code device_id}, which the tracker sends back when cookies are blocked.
     */
    static JsonObject visitor(String deviceId) {
        return new JsonObject().put("id", deviceId == null ? null : io.leadstream.common.ids.IdentityIds.anon(deviceId))
                .put("sid", deviceId).put("device_id", deviceId);
    }

    /** {@code GET /mtc}: the visitor as the tracker knows it, from its cookie or {@code mautic_device_id} (a new one gets its cookie); stores nothing. */
    static void contact(TrackingEvents events, RoutingContext ctx) {
        TrackerParameters params = new TrackerParameters(ctx.queryParams());
        String deviceId = events.devices().resolve(ctx.request(), ctx.response(), params.get(DeviceIds.COOKIE));
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                .end(visitor(deviceId).put("success", 1).encode());
    }

    /** Tracker bodies are form-encoded (Mautic's mtc.js) or JSON; a bad JSON body is a 400. */
    static MultiMap bodyParams(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type != null && type.toLowerCase().startsWith("application/json")) {
            try {
                JsonObject json = ctx.body().asJsonObject();
                MultiMap params = MultiMap.caseInsensitiveMultiMap();
                if (json != null) {
                    json.forEach(e -> {
                        if (e.getValue() != null && !(e.getValue() instanceof JsonObject) && !(e.getValue() instanceof io.vertx.core.json.JsonArray)) {
                            params.add(e.getKey(), String.valueOf(e.getValue()));
                        }
                    });
                }
                return params;
            } catch (DecodeException | ClassCastException e) {
                Responses.badRequest(ctx, "body is not a JSON object");
                return null;
            }
        }
        MultiMap params = MultiMap.caseInsensitiveMultiMap();
        params.addAll(ctx.queryParams());
        params.addAll(ctx.request().formAttributes());
        return params;
    }
}
