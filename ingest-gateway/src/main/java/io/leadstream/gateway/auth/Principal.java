package io.leadstream.gateway.auth;

import io.vertx.ext.web.RoutingContext;

/** Who made an API request, once authenticated: a user (by Basic auth or an access token) or a configured token. */
public record Principal(String name, Role role) {
    private static final String KEY = "leadstream.principal";

    public void attach(RoutingContext ctx) {
        ctx.put(KEY, this);
    }

    /** The request's principal; null before authentication. */
    public static Principal of(RoutingContext ctx) {
        return ctx.get(KEY);
    }
}
