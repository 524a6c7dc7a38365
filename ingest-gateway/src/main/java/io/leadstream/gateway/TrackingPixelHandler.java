package io.leadstream.gateway;

import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /mtracking.gif}: a page hit from the pixel; answers the GIF once Kafka has the event. */
final class TrackingPixelHandler implements Handler<RoutingContext> {
    private final EventPublisher publisher;
    private final TrackingEvents events;

    TrackingPixelHandler(EventPublisher publisher, TrackingEvents events) {
        this.publisher = publisher;
        this.events = events;
    }

    @Override
    public void handle(RoutingContext ctx) {
        TrackerParameters params = new TrackerParameters(ctx.queryParams());
        String deviceId = DeviceIds.resolve(ctx.request(), ctx.response());
        TrackingEvent event = events.pageHit(ctx.request(), params, deviceId, Source.PIXEL);
        if (event == null) {
            Responses.badRequest(ctx, "page_url is required");
            return;
        }
        publisher.publish(event).onComplete(ar -> {
            if (ar.succeeded()) {
                ctx.response()
                        .putHeader("Content-Type", "image/gif")
                        .putHeader("Cache-Control", "no-store, no-cache, must-revalidate, max-age=0")
                        .end(io.vertx.core.buffer.Buffer.buffer(Gif.PIXEL));
            } else {
                Responses.unavailable(ctx, ar.cause());
            }
        });
    }
}
