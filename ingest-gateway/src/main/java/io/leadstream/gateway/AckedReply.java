package io.leadstream.gateway;

import io.leadstream.schemas.event.TrackingEvent;
import io.vertx.ext.web.RoutingContext;

/** The one way handlers answer: the reply runs only once Kafka acknowledged the event, else 503. */
final class AckedReply {
    private AckedReply() {}

    static void send(EventPublisher publisher, GatewayMetrics metrics, RoutingContext ctx, TrackingEvent event,
                     String kind, Runnable reply) {
        publisher.publish(event).onComplete(ar -> {
            if (ar.succeeded()) {
                metrics.accepted(kind);
                reply.run();
            } else {
                Responses.unavailable(ctx, ar.cause());
            }
        });
    }
}
