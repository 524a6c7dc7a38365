package io.leadstream.gateway.auth;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * Guards an API: authenticates the request, then lets analysts (and read-only tokens) only read.
 * 401 with the schemes to use, 429 with Retry-After while throttled, 403 for a write an analyst
 * tries, 503 while the users table cannot be read. Without an Authorization header, the web app's
 * session cookie is taken, and a write must carry the session's CSRF token too.
 */
public final class AuthHandler implements Handler<RoutingContext> {
    private final Authenticator authenticator;
    private final Function<HttpServerRequest, String> clientAddress;
    private final Refusal refusal;
    private final AppSessions sessions;

    public AuthHandler(Authenticator authenticator, Function<HttpServerRequest, String> clientAddress, Refusal refusal) {
        this(authenticator, clientAddress, refusal, null);
    }

    /** {@code sessions}: the web app's, also taken from their cookie; null takes credentials only. */
    public AuthHandler(Authenticator authenticator, Function<HttpServerRequest, String> clientAddress, Refusal refusal, AppSessions sessions) {
        this.authenticator = authenticator;
        this.clientAddress = clientAddress;
        this.refusal = refusal;
        this.sessions = sessions;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.request().method() == HttpMethod.OPTIONS) {
            ctx.next(); // a CORS preflight carries no credentials
            return;
        }
        // Checking a password or reading the user is asynchronous: hold the body until the route's body handler reads (and resumes) it.
        ctx.request().pause();
        String authorization = ctx.request().getHeader("Authorization");
        Cookie session = authorization == null && sessions != null ? ctx.request().getCookie(AppSessions.COOKIE) : null;
        Future<Authenticator.Outcome> outcomeOf = session != null ? session(ctx.request(), session.getValue())
                : authenticator.authenticate(authorization, clientAddress.apply(ctx.request()));
        outcomeOf.onComplete(ar -> {
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
            if (!p.role().mayWrite() && !reads(ctx.request().method()) && !computes(ctx)) {
                refusal.send(ctx, 403, p.name() + " may only read (GET): the " + p.role().label() + " role cannot change anything");
                return;
            }
            p.attach(ctx);
            ctx.next();
        });
    }

    private Future<Authenticator.Outcome> session(HttpServerRequest request, String id) {
        return sessions.find(id).map(s -> {
            // The cookie goes with any request the browser makes, another site's too; the token only with the app's own.
            if (!reads(request.method()) && !s.csrfMatches(request.getHeader(AppSessions.CSRF_HEADER))) {
                return Future.succeededFuture(Authenticator.Outcome.refused(403,
                        "a write needs the session's CSRF token in the " + AppSessions.CSRF_HEADER + " header"));
            }
            return authenticator.sessionUser(s.username());
        }).orElseGet(() -> Future.succeededFuture(Authenticator.Outcome.refused(401, "the session has ended (signed out or timed out): sign in again")));
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

    /** POSTs that work something out and change nothing (previews, dry runs): a reader may make them too. */
    private static final java.util.regex.Pattern COMPUTES = java.util.regex.Pattern.compile(
            "/api/v1/(segments/preview|emails/preview|campaigns/[A-Za-z0-9_-]{1,64}/dry-run)");

    static boolean computes(RoutingContext ctx) {
        return ctx.request().method() == HttpMethod.POST && COMPUTES.matcher(ctx.request().path()).matches();
    }

    static boolean reads(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD;
    }
}
