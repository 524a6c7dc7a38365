package io.leadstream.gateway;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** {@code Authorization: Bearer <token>} for /api/v1, compared in constant time; 401 otherwise. */
final class BearerAuth implements Handler<RoutingContext> {
    private final byte[] expected;

    BearerAuth(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("api.token (LEADSTREAM_API_TOKEN) must be set for the API");
        }
        this.expected = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && MessageDigest.isEqual(expected, header.substring(7).strip().getBytes(StandardCharsets.UTF_8))) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"leadstream\"");
        Responses.error(ctx, 401, "missing or invalid bearer token");
    }
}
