package io.leadstream.launcher;

import io.leadstream.gateway.GatewayServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A demo page served by the local run: it carries the tracking pixel and a Mautic-style form. */
final class DemoSite {
    private DemoSite() {}

    static void mount(GatewayServer gateway) {
        String html = resource("leadstream/demo/index.html");
        gateway.router().get("/").handler(ctx -> ctx.redirect("/demo"));
        gateway.router().get("/demo").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .end(html));
    }

    private static String resource(String path) {
        try (InputStream in = DemoSite.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
