package io.leadstream.gateway;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code GET /mtc.js}: our tracker, with Mautic's {@code mt('send','pageview')} API. */
final class TrackerScript implements Handler<RoutingContext> {
    static final String RESOURCE = "leadstream/tracker/mtc.js";
    private final Buffer script;

    TrackerScript() {
        try (InputStream in = TrackerScript.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + RESOURCE);
            }
            script = Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/javascript; charset=utf-8")
                .putHeader("Cache-Control", "public, max-age=3600")
                .end(script);
    }
}
