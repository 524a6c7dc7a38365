package io.leadstream.gateway;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.core.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

/**
 * {@code Authorization: Bearer <token>} for /api/v1: the admin token may do everything, read tokens
 * only GET/HEAD. 401 without a known token, 403 when a read token tries to write. Every configured
 * token is compared, in constant time, whatever matched first, so timing tells nothing about them.
 */
final class BearerAuth implements Handler<RoutingContext> {
    private final byte[] admin;
    private final List<byte[]> readers;

    BearerAuth(String adminToken, String readTokens) {
        if (adminToken == null || adminToken.isBlank()) {
            throw new IllegalArgumentException("api.token (LEADSTREAM_API_TOKEN) must be set for the API");
        }
        this.admin = adminToken.getBytes(StandardCharsets.UTF_8);
        this.readers = Arrays.stream(readTokens == null ? new String[0] : readTokens.split(","))
                .map(String::strip).filter(t -> !t.isEmpty()).map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        byte[] given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip().getBytes(StandardCharsets.UTF_8) : null;
        boolean isAdmin = given != null && MessageDigest.isEqual(admin, given);
        boolean isReader = false;
        for (byte[] reader : readers) {
            isReader |= given != null && MessageDigest.isEqual(reader, given);
        }
        if (isAdmin || (isReader && reads(ctx.request().method()))) {
            ctx.next();
        } else if (isReader) {
            Responses.error(ctx, 403, "this token may only read (GET); writes need the api.token");
        } else {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"leadstream\"");
            Responses.error(ctx, 401, "missing or invalid bearer token");
        }
    }

    private static boolean reads(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD;
    }
}
