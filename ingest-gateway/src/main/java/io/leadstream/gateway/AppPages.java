package io.leadstream.gateway;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web app's files (docs/app.md): its pages and scripts, and Preact, htm and Papa Parse from their jars. The
 * pages may run only their own scripts and the one inline import map (allowed by its hash, worked
 * out here from the page itself), and no other site may frame them.
 */
final class AppPages {
    private static final String ROOT = "leadstream/app";
    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);

    private AppPages() {}

    static void mount(Router router, Handler<RoutingContext> toFolder) {
        // Emails are styled inline and show their own https images: the email editor's preview frame
        // (sandboxed, no scripts) inherits this policy, so styles and images are let in; scripts are not.
        String policy = "default-src 'self'; script-src 'self' '" + importMapHash() + "'; style-src 'self' 'unsafe-inline';"
                + " img-src 'self' https: data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
        router.get("/app").handler(toFolder);
        router.get("/app/*").handler(ctx -> {
            ctx.response().putHeader("Content-Security-Policy", policy)
                    .putHeader("X-Content-Type-Options", "nosniff").putHeader("Referrer-Policy", "same-origin");
            ctx.next();
        });
        router.get("/app/vendor/chart.umd.min.js").handler(ClasspathResource.chartJs());
        router.get("/app/vendor/preact/*").handler(StaticHandler.create("META-INF/resources/webjars/preact/"
                + ClasspathResource.jarVersion("org.webjars.npm", "preact")));
        router.get("/app/vendor/papaparse/*").handler(StaticHandler.create("META-INF/resources/webjars/papaparse/"
                + ClasspathResource.jarVersion("org.webjars.npm", "papaparse")));
        router.get("/app/vendor/htm/*").handler(StaticHandler.create("META-INF/resources/_static/htm/"
                + ClasspathResource.jarVersion("org.mvnpm", "htm")));
        router.get("/app/*").handler(StaticHandler.create(ROOT).setCachingEnabled(false));
    }

    /** CSP's source of the page's import map: the SHA-256 of the script's text, exactly as written. */
    static String importMapHash() {
        Matcher m = IMPORT_MAP.matcher(ClasspathResource.text(ROOT + "/index.html"));
        if (!m.find()) {
            throw new IllegalStateException(ROOT + "/index.html has no import map");
        }
        return ScriptHashes.of(m.group(1));
    }
}
