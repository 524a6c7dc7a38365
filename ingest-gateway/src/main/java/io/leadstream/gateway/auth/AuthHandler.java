package io.leadstream.gateway.auth;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * Guards an API: authenticates the request, then lets analysts (and read-only tokens) only read.
 * 401 with the schemes to use, 429 with Retry-After while throttled, 403 for a write an analyst
 * tries, 503 while the users table cannot be read.
 */
public final class AuthHandler implements Handler<RoutingContext> {
    private final Authenticator authenticator;
    private final Function<HttpServerRequest, String> clientAddress;
    private final Refusal refusal;

    public AuthHandler(Authenticator authenticator, Function<HttpServerRequest, String> clientAddress, Refusal refusal) {
        this.authenticator = authenticator;
        this.clientAddress = clientAddress;
        this.refusal = refusal;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.request().method() == HttpMethod.OPTIONS) {
            ctx.next(); // a CORS preflight carries no credentials
            return;
        }
        // Checking a password or reading the user is asynchronous: hold the body until the route's body handler reads (and resumes) it.
        ctx.request().pause();
        authenticator.authenticate(ctx.request().getHeader("Authorization"), clientAddress.apply(ctx.request())).onComplete(ar -> {
            if (ar.failed()) {
                refusal.send(ctx, 503, "users cannot be read right now: " + ar.cause().getMessage());
                return;
            }
            Authenticator.Outcome outcome = ar.result();
            Principal p = outcome.principal();
            if (p == null) {
                if (outcome.status() == 401) {
                    ctx.response().putHeader("WWW-Authenticate", challenge(ctx));
                }
                if (outcome.retryAfter() != null) {
                    ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, outcome.retryAfter().toSeconds())));
                }
                refusal.send(ctx, outcome.status(), outcome.reason());
                return;
            }
            if (!p.role().mayWrite() && !reads(ctx.request().method())) {
                refusal.send(ctx, 403, p.name() + " may only read (GET): the " + p.role().label() + " role cannot change anything");
                return;
            }
            p.attach(ctx);
            ctx.next();
        });
    }

    /**
     * The schemes to offer. A page's own fetch (the dashboard's, say) is not offered Basic: the
     * browser would stop the page to ask for a name and password instead of letting it sign in.
     */
    static String challenge(RoutingContext ctx) {
        String mode = ctx.request().getHeader("Sec-Fetch-Mode");
        boolean pageFetch = mode != null && !mode.equalsIgnoreCase("navigate");
        return pageFetch ? "Bearer realm=\"LeadStream\"" : "Basic realm=\"LeadStream\", Bearer realm=\"LeadStream\"";
    }

    private static boolean reads(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD;
    }
}
