package io.leadstream.gateway;

import io.vertx.ext.web.handler.PlatformHandler;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Set;

/**
 * Runs before the body is parsed: a malformed query string gets 400, a body of a type the endpoint does not take gets 415, and a
 * multipart request without a boundary or with an empty body gets 400 (Netty's multipart
 * decoder would otherwise drop the connection without an answer). A platform handler because
 * Vert.x only lets those run before the body handler.
 */
public final class ContentTypeGuard implements PlatformHandler {
    private final Set<String> allowed;
    private final io.leadstream.gateway.auth.Refusal errors;

    private ContentTypeGuard(Set<String> allowed, io.leadstream.gateway.auth.Refusal errors) {
        this.allowed = allowed;
        this.errors = errors;
    }

    public static ContentTypeGuard allow(String... mediaTypes) {
        return new ContentTypeGuard(Set.of(mediaTypes), Responses::error);
    }

    /** Only the query check and the multipart sanity checks: for endpoints taking bodies of any type (bounce reports). */
    public static ContentTypeGuard anyType() {
        return new ContentTypeGuard(null, Responses::error);
    }

    /** The same guard answering in another API's error shape (Mautic's). */
    public ContentTypeGuard answering(io.leadstream.gateway.auth.Refusal errors) {
        return new ContentTypeGuard(allowed, errors);
    }

    @Override
    public void handle(RoutingContext ctx) {
        // The body handler decodes the query again once the body has ended, outside the router: a
        // malformed query there throws where nothing answers, and the client waits forever. Checked here.
        try {
            ctx.request().params();
        } catch (IllegalArgumentException e) {
            errors.send(ctx, 400, "malformed query string (bad percent-encoding)");
            return;
        }
        String header = ctx.request().getHeader("Content-Type");
        String length = ctx.request().getHeader("Content-Length");
        boolean hasBody = (length != null && !"0".equals(length.strip())) || ctx.request().getHeader("Transfer-Encoding") != null;
        if (header == null) {
            if (hasBody && allowed != null) {
                errors.send(ctx, 415, "Content-Type is required; accepted: " + allowed);
                return;
            }
            ctx.next();
            return;
        }
        String media = header.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (allowed != null && !allowed.contains(media)) {
            errors.send(ctx, 415, "unsupported Content-Type; accepted: " + allowed);
            return;
        }
        if (media.equals("multipart/form-data") && (!header.toLowerCase(Locale.ROOT).contains("boundary=") || !hasBody)) {
            errors.send(ctx, 400, "multipart body needs a boundary and content");
            return;
        }
        ctx.next();
    }
}
