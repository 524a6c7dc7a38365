package io.leadstream.gateway;

import io.netty.handler.codec.DecoderException;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's last resort. Malformed input (bad percent-encoding, broken bodies, oversized
 * parts) surfaces as exceptions deep in Vert.x: those are the client's fault and get a 4xx with
 * a reason. Only a genuine bug in our code is a 500, and it is logged with its stack trace.
 */
final class FailureHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

    @Override
    public void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        int status = ctx.statusCode();
        if (failure instanceof HttpException http) {
            status = http.getStatusCode();
            Responses.error(ctx, status, reason(status, http.getPayload()));
            return;
        }
        if (isClientError(failure)) {
            Responses.error(ctx, 400, "malformed request: " + safe(failure.getMessage()));
            return;
        }
        if (status >= 400 && status < 500) {
            Responses.error(ctx, status, reason(status, null));
            return;
        }
        LOG.error("Unhandled failure on {} {}", ctx.request().method(), ctx.request().path(), failure);
        Responses.error(ctx, 500, "internal error");
    }

    static boolean isClientError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IllegalArgumentException || c instanceof DecodeException || c instanceof DecoderException
                    || c instanceof NumberFormatException || c instanceof java.nio.charset.CharacterCodingException) {
                return true;
            }
        }
        return false;
    }

    private static String reason(int status, String payload) {
        if (payload != null && !payload.isBlank()) {
            return safe(payload);
        }
        return switch (status) {
            case 400 -> "bad request";
            case 401 -> "missing or invalid bearer token";
            case 403 -> "forbidden";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 413 -> "request body too large";
            case 415 -> "unsupported media type";
            case 431 -> "request headers too large";
            default -> "request failed";
        };
    }

    /** Reasons echo no raw input: printable ASCII only, bounded. */
    private static String safe(String s) {
        if (s == null) {
            return "invalid input";
        }
        String clean = s.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 200 ? clean.substring(0, 200) : clean;
    }
}
