package io.leadstream.gateway.auth;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * {@code /app/session}, the web app's sign-in: {@code POST} a user's name and password (throttled
 * as every password check), {@code GET} who is signed in, {@code DELETE} to sign out. A session's id
 * travels only in an HttpOnly, SameSite=Strict cookie (Secure over https); its CSRF token, which every
 * write must send back in {@code X-CSRF-Token}, only in these answers.
 */
public final class SessionEndpoint {
    private final Authenticator authenticator;
    private final AppSessions sessions;
    private final Function<HttpServerRequest, String> clientAddress;
    private final Refusal refusal;

    public SessionEndpoint(Authenticator authenticator, AppSessions sessions, Function<HttpServerRequest, String> clientAddress, Refusal refusal) {
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.clientAddress = clientAddress;
        this.refusal = refusal;
    }

    /** {@code jsonBody}: the handlers that admit and read a small JSON body. */
    public void mount(Router router, Handler<RoutingContext> jsonType, Handler<RoutingContext> body) {
        router.post("/app/session").handler(jsonType).handler(body).handler(this::signIn);
        router.get("/app/session").handler(this::current);
        router.delete("/app/session").handler(this::signOut);
    }

    private void signIn(RoutingContext ctx) {
        noStore(ctx);
        // Whatever session the browser brings ends here: a sign-in always gets a new id (no fixation).
        sessions.end(cookieValue(ctx));
        JsonObject form;
        try {
            form = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            refusal.send(ctx, 400, "the body must be a JSON object: {\"username\": ..., \"password\": ...}");
            return;
        }
        String username = form == null ? null : form.getValue("username") instanceof String u ? u.strip() : null;
        String password = form == null ? null : form.getValue("password") instanceof String p ? p : null;
        if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
            refusal.send(ctx, 400, "username and password are required");
            return;
        }
        authenticator.password(username, password, clientAddress.apply(ctx.request())).onComplete(ar -> {
            if (ar.failed()) {
                refusal.send(ctx, 503, "users cannot be read right now: " + ar.cause().getMessage());
                return;
            }
            Authenticator.Outcome outcome = ar.result();
            if (outcome.principal() == null) {
                if (outcome.retryAfter() != null) {
                    ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, outcome.retryAfter().toSeconds())));
                }
                refusal.send(ctx, outcome.status(), outcome.reason());
                return;
            }
            AppSessions.Session s = sessions.start(outcome.principal().name());
            ctx.response().addCookie(cookie(ctx, s.id()));
            reply(ctx, s, outcome.principal());
        });
    }

    private void current(RoutingContext ctx) {
        noStore(ctx);
        AppSessions.Session s = sessions.find(cookieValue(ctx)).orElse(null);
        if (s == null) {
            refusal.send(ctx, 401, "not signed in");
            return;
        }
        Future<Authenticator.Outcome> user = authenticator.sessionUser(s.username());
        user.onComplete(ar -> {
            if (ar.failed()) {
                refusal.send(ctx, 503, "users cannot be read right now: " + ar.cause().getMessage());
            } else if (ar.result().principal() == null) {
                sessions.end(s.id());
                refusal.send(ctx, 401, ar.result().reason());
            } else {
                reply(ctx, s, ar.result().principal());
            }
        });
    }

    private void signOut(RoutingContext ctx) {
        noStore(ctx);
        AppSessions.Session s = sessions.find(cookieValue(ctx)).orElse(null);
        if (s != null && !s.csrfMatches(ctx.request().getHeader(AppSessions.CSRF_HEADER))) {
            refusal.send(ctx, 403, "signing out needs the session's CSRF token in the " + AppSessions.CSRF_HEADER + " header");
            return;
        }
        if (s != null) {
            sessions.end(s.id());
        }
        ctx.response().addCookie(cookie(ctx, "").setMaxAge(0));
        ctx.response().setStatusCode(204).end();
    }

    private static void reply(RoutingContext ctx, AppSessions.Session s, Principal p) {
        ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                .put("username", p.name()).put("role", p.role().label()).put("mayWrite", p.role().mayWrite())
                .put("csrfToken", s.csrfToken()).encode());
    }

    private static Cookie cookie(RoutingContext ctx, String value) {
        boolean https = ctx.request().isSSL() || "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"));
        return Cookie.cookie(AppSessions.COOKIE, value).setPath("/").setHttpOnly(true).setSecure(https)
                .setSameSite(io.vertx.core.http.CookieSameSite.STRICT);
    }

    private static String cookieValue(RoutingContext ctx) {
        Cookie c = ctx.request().getCookie(AppSessions.COOKIE);
        return c == null ? null : c.getValue();
    }

    private static void noStore(RoutingContext ctx) {
        ctx.response().putHeader("Cache-Control", "no-store");
    }
}
