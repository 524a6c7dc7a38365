package io.leadstream.gateway;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** A file shipped in the jar, read once at start and served as is. */
final class ClasspathResource implements Handler<RoutingContext> {
    private final Buffer content;
    private final String contentType;

    private ClasspathResource(String resource, String contentType) {
        this.contentType = contentType;
        try (InputStream in = ClasspathResource.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + resource);
            }
            content = Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code GET /mtc.js}: our tracker, with Mautic's {@code mt('send','pageview')} API. */
    static ClasspathResource trackerScript() {
        return new ClasspathResource("leadstream/tracker/mtc.js", "application/javascript; charset=utf-8");
    }

    /** The focus items' runtime, as text: {@link FocusHandler} appends each item's call. */
    static String focusRuntime() {
        return new ClasspathResource("leadstream/tracker/focus.js", "application/javascript; charset=utf-8").content.toString();
    }

    /** {@code GET /api/v1/openapi.yaml}: the OpenAPI 3.1 document of /api/v1. */
    static ClasspathResource apiDocument() {
        return new ClasspathResource("leadstream/openapi.yaml", "application/yaml; charset=utf-8");
    }

    /** {@code GET /api/v1/schemas/{kind}}: the closed JSON Schema a definition of that kind is checked against. */
    static Handler<RoutingContext> definitionSchemas(java.util.Set<String> kinds) {
        java.util.Map<String, ClasspathResource> byKind = new java.util.HashMap<>();
        kinds.forEach(kind -> byKind.put(kind, new ClasspathResource("leadstream/definitions/" + kind + ".schema.json", "application/schema+json")));
        return ctx -> {
            ClasspathResource schema = byKind.get(ctx.pathParam("kind"));
            if (schema == null) {
                Responses.error(ctx, 404, "no definitions of kind " + ctx.pathParam("kind") + "; known: " + new java.util.TreeSet<>(kinds));
            } else {
                schema.handle(ctx);
            }
        };
    }

    /** Chart.js, from its WebJar: the web app's charts work offline, with no CDN. */
    static ClasspathResource chartJs() {
        return new ClasspathResource("META-INF/resources/webjars/chart.js/" + jarVersion("org.webjars.npm", "chart.js") + "/dist/chart.umd.min.js",
                "application/javascript; charset=utf-8");
    }

    /** The version of a jar on the classpath, from the pom.properties Maven put in it: a WebJar's files sit under it. */
    static String jarVersion(String group, String artifact) {
        String properties = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        java.util.Properties pom = new java.util.Properties();
        try (InputStream in = ClasspathResource.class.getClassLoader().getResourceAsStream(properties)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + properties);
            }
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }

    /** A text file of the jar. */
    static String text(String resource) {
        try (InputStream in = ClasspathResource.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + resource);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", contentType)
                .putHeader("Cache-Control", "public, max-age=3600")
                .end(content);
    }
}
