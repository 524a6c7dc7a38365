package io.leadstream.gateway.auth;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * {@code POST /oauth/v2/token}, OAuth2's client credentials grant (RFC 6749 section 4.4): a user's
 * name and password as client id and secret, in the form body or HTTP Basic, buy a bearer access
 * token that expires. Errors in RFC 6749's shape ({@code {"error": "invalid_client", ...}}).
 */
public final class TokenEndpoint implements Handler<RoutingContext> {
    private final Authenticator authenticator;
    private final Function<HttpServerRequest, String> clientAddress;

    public TokenEndpoint(Authenticator authenticator, Function<HttpServerRequest, String> clientAddress) {
        this.authenticator = authenticator;
        this.clientAddress = clientAddress;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.response().putHeader("Cache-Control", "no-store");
        JsonObject form = new JsonObject();
        ctx.request().formAttributes().forEach(e -> form.put(e.getKey(), e.getValue()));
        String grant = form.getString("grant_type");
        if (!"client_credentials".equals(grant)) {
            error(ctx, 400, "unsupported_grant_type", "grant_type must be client_credentials");
            return;
        }
        String id = form.getString("client_id");
        String secret = form.getString("client_secret");
        if ((id == null || secret == null) && Credentials.parse(ctx.request().getHeader("Authorization")) instanceof Credentials.Basic b) {
            id = b.username();
            secret = b.password();
        }
        if (id == null || secret == null) {
            error(ctx, 401, "invalid_client", "client_id and client_secret are required (form body or HTTP Basic)");
            return;
        }
        authenticator.password(id, secret, clientAddress.apply(ctx.request())).onComplete(ar -> {
            if (ar.failed()) {
                error(ctx, 503, "temporarily_unavailable", "users cannot be read right now");
                return;
            }
            Authenticator.Outcome outcome = ar.result();
            if (outcome.principal() == null) {
                if (outcome.retryAfter() != null) {
                    ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, outcome.retryAfter().toSeconds())));
                }
                error(ctx, outcome.status() == 429 ? 429 : 401, "invalid_client", outcome.reason());
                return;
            }
            AccessTokens tokens = authenticator.accessTokens();
            ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                    .put("access_token", tokens.issue(outcome.principal().name()))
                    .put("token_type", "bearer")
                    .put("expires_in", tokens.ttl().toSeconds()).encode());
        });
    }

    private static void error(RoutingContext ctx, int status, String code, String description) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", code).put("error_description", description).encode());
    }
}
