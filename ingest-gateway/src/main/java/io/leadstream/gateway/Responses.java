package io.leadstream.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The gateway's replies: JSON, errors as {@code {"error": {"code", "message"}}} with a reason, never a stack trace. */
public final class Responses {
    private static final Logger LOG = LoggerFactory.getLogger(Responses.class);
    public static final int RETRY_AFTER_SECONDS = 5;
    private static volatile GatewayMetrics metrics;

    private Responses() {}

    static void metrics(GatewayMetrics m) {
        metrics = m;
    }

    static void badRequest(RoutingContext ctx, String reason) {
        error(ctx, 400, reason);
    }

    public static void badRequest(RoutingContext ctx, String reason, List<String> problems) {
        error(ctx, 400, reason, "problems", new JsonArray(List.copyOf(problems)));
    }

    /** 422: the request was read, but what it asks for is invalid; every problem with where it is. */
    public static void unprocessable(RoutingContext ctx, String reason, List<io.leadstream.definitions.Problem> problems) {
        JsonArray list = new JsonArray();
        problems.forEach(p -> list.add(new JsonObject().put("pointer", p.pointer()).put("reason", p.reason())));
        error(ctx, 422, reason, "problems", list);
    }

    /** 409: it would leave others pointing at nothing; who they are. */
    public static void conflict(RoutingContext ctx, String reason, List<String> referencedBy) {
        error(ctx, 409, reason, "referencedBy", new JsonArray(List.copyOf(referencedBy)));
    }

    /** Kafka did not acknowledge: 503 + Retry-After, so clients retry and no 2xx lies. */
    static void unavailable(RoutingContext ctx, Throwable cause) {
        if (metrics != null) {
            metrics.unavailable();
        }
        notStored(ctx, "event", cause);
    }

    /** A write the client must retry: 503 + Retry-After, the cause in the log. */
    public static void notStored(RoutingContext ctx, String what, Throwable cause) {
        LOG.warn("Answering 503 for {}: {}", ctx.request().path(), cause.getMessage());
        ctx.response().putHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        error(ctx, 503, what + " not stored, retry later");
    }

    public static void json(RoutingContext ctx, JsonObject body) {
        ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
    }

    public static void error(RoutingContext ctx, int status, String reason) {
        error(ctx, status, reason, null, null);
    }

    /** The one error body, {"error": {code, message, detail?}}, whatever the status. */
    private static void error(RoutingContext ctx, int status, String reason, String detailName, JsonArray detail) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        JsonObject error = new JsonObject().put("code", status).put("message", reason);
        if (detailName != null) {
            error.put(detailName, detail);
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(new JsonObject().put("error", error).encode());
    }
}
