package io.leadstream.gateway.mautic;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Answers in Mautic's shapes: every error as {@code {"errors": [{"code", "message", "type"}]}} with the same status. */
public final class MauticReplies {
    /** The Mautic API version whose protocol this API speaks, told in each answer's {@code Mautic-Version} header. */
    public static final String VERSION = "5.2.0";

    private MauticReplies() {}

    public static void error(RoutingContext ctx, int status, String message) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        JsonObject error = new JsonObject().put("code", status).put("message", message).put("type", type(status));
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("errors", new JsonArray().add(error)).encode());
    }

    public static void json(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    public static void success(RoutingContext ctx) {
        json(ctx, 200, new JsonObject().put("success", 1));
    }

    /** {@code {"success": 1}} once the action is done, else its failure. */
    public static void successOr(RoutingContext ctx, io.vertx.core.AsyncResult<?> ar) {
        if (ar.failed()) {
            failed(ctx, ar.cause());
        } else {
            success(ctx);
        }
    }

    /** What was looked up goes on to {@code then}; not there is 404, a failed lookup 503. */
    public static <T> void foundOr404(RoutingContext ctx, io.vertx.core.AsyncResult<java.util.Optional<T>> ar, java.util.function.Consumer<T> then) {
        if (ar.failed()) {
            failed(ctx, ar.cause());
        } else if (ar.result().isEmpty()) {
            error(ctx, 404, "Item was not found.");
        } else {
            then.accept(ar.result().get());
        }
    }

    /** The failure of a store or Kafka call: 503 (retry), or 500 with the reason. */
    public static void failed(RoutingContext ctx, Throwable cause) {
        if (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        ctx.response().putHeader("Retry-After", "5");
        error(ctx, 503, "not available right now, retry: " + cause.getMessage());
    }

    private static String type(int status) {
        return switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "unauthorized";
            case 403 -> "access_denied";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 429 -> "too_many_requests";
            default -> status >= 500 ? "server_error" : null;
        };
    }
}
