package io.leadstream.gateway.auth;

import io.vertx.ext.web.RoutingContext;

/** How an API writes an error answer: ours as {@code {"error": ...}}, Mautic's as {@code {"errors": [...]}}. */
@FunctionalInterface
public interface Refusal {
    void send(RoutingContext ctx, int status, String message);
}
