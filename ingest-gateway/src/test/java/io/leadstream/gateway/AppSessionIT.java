package io.leadstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.gateway.auth.AuthOptions;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.store.cassandra.CassandraSchema;
import io.vertx.core.json.JsonObject;
import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The web app's sessions on the real stack: cookie flags, CSRF on every write, a new id at each
 * sign-in (no fixation), sign-out, the idle timeout, roles read at each request, and throttled
 * sign-ins that say the account is locked.
 */
@ExtendWith(LeadStreamStackExtension.class)
class AppSessionIT {
    private static final String ADMIN = "Bearer " + GatewayFixture.TOKEN;
    private static final String SEGMENT = """
            {"id": "%s", "name": "Fans", "filters": [{"kind": "field", "field": "email", "operator": "not_empty"}]}""";

    private static TestNamespace namespace;
    private static GatewayFixture gw;

    /** A signed-in session: its cookie's value and its CSRF token. */
    record Session(String id, String csrf, JsonObject reply) {
        String cookie() {
            return "ls_session=" + id;
        }
    }

    @BeforeAll
    static void start(TestNamespace ns) throws Exception {
        namespace = ns;
        CassandraSchema.apply(ns.config());
        gw = new GatewayFixture(ns, c -> c.with(GatewayOptions.TRUSTED_PROXIES, "127.0.0.1").with(AuthOptions.MAX_FAILURES_PER_USER, 3));
        for (String[] u : List.of(new String[] {"ada", "admin"}, new String[] {"max", "marketer"}, new String[] {"ana", "analyst"},
                new String[] {"lea", "marketer"}, new String[] {"olu", "marketer"})) {
            HttpResponse<String> created = gw.post("/api/v1/users", "application/json", new JsonObject().put("username", u[0])
                    .put("password", password(u[0])).put("role", u[1]).encode(), "Authorization", ADMIN);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    private static String password(String user) {
        return "pw-of-" + user + "-Secret42";
    }

    static HttpResponse<String> signInResponse(GatewayFixture g, String user, String password, String... headers) throws Exception {
        return g.post("/app/session", "application/json", new JsonObject().put("username", user).put("password", password).encode(), headers);
    }

    static Session signIn(GatewayFixture g, String user, String... headers) throws Exception {
        HttpResponse<String> r = signInResponse(g, user, password(user), headers);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        HttpCookie cookie = HttpCookie.parse(r.headers().firstValue("Set-Cookie").orElseThrow()).get(0);
        JsonObject reply = new JsonObject(r.body());
        return new Session(cookie.getValue(), reply.getString("csrfToken"), reply);
    }

    @Test
    void theSessionCookieIsHttpOnlyStrictAndSecureOverHttpsAndTheReplyNamesTheRole() throws Exception {
        HttpResponse<String> r = signInResponse(gw, "max", password("max"));
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("ls_session=").contains("; Path=/").containsIgnoringCase("; HttpOnly").contains("; SameSite=Strict")
                .doesNotContain("Secure").doesNotContain("Max-Age").doesNotContain("Expires");
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        JsonObject reply = new JsonObject(r.body());
        assertThat(reply.getString("username")).isEqualTo("max");
        assertThat(reply.getString("role")).isEqualTo("marketer");
        assertThat(reply.getBoolean("mayWrite")).isTrue();
        assertThat(reply.getString("csrfToken")).hasSizeGreaterThanOrEqualTo(40);
        assertThat(r.body()).doesNotContain(password("max")).doesNotContain(HttpCookie.parse(setCookie).get(0).getValue());

        // Behind a TLS-terminating proxy the cookie is Secure.
        HttpResponse<String> https = signInResponse(gw, "max", password("max"), "X-Forwarded-Proto", "https");
        assertThat(https.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure");
    }

    @Test
    void everyWriteNeedsTheSessionsCsrfTokenWhileReadsNeedOnlyTheCookie() throws Exception {
        Session s = signIn(gw, "max");
        assertThat(gw.get("/api/v1/segments", "Cookie", s.cookie()).statusCode()).isEqualTo(200);

        HttpResponse<String> none = gw.send("PUT", "/api/v1/segments/fans", "application/json", SEGMENT.formatted("fans"), "Cookie", s.cookie());
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(none.body()).contains("CSRF token").contains("X-CSRF-Token");
        HttpResponse<String> wrong = gw.send("PUT", "/api/v1/segments/fans", "application/json", SEGMENT.formatted("fans"), "Cookie", s.cookie(),
                "X-CSRF-Token", signIn(gw, "lea").csrf());
        assertThat(wrong.statusCode()).as("another session's token").isEqualTo(403);
        assertThat(gw.get("/api/v1/segments/fans", "Authorization", ADMIN).statusCode()).as("nothing stored").isEqualTo(404);

        HttpResponse<String> right = gw.send("PUT", "/api/v1/segments/fans", "application/json", SEGMENT.formatted("fans"), "Cookie", s.cookie(),
                "X-CSRF-Token", s.csrf());
        assertThat(right.statusCode()).as(right.body()).isBetween(200, 201);
        assertThat(gw.get("/api/v1/segments/fans", "Authorization", ADMIN).statusCode()).isEqualTo(200);
    }

    @Test
    void aSignInAlwaysGetsANewIdAndEndsTheOneTheBrowserBrought() throws Exception {
        Session planted = signIn(gw, "lea");
        Session fresh = signIn(gw, "max", "Cookie", planted.cookie());
        assertThat(fresh.id()).isNotEqualTo(planted.id());
        assertThat(gw.get("/app/session", "Cookie", planted.cookie()).statusCode()).as("the planted id is worth nothing now").isEqualTo(401);
        assertThat(new JsonObject(gw.get("/app/session", "Cookie", fresh.cookie()).body()).getString("username")).isEqualTo("max");
        // An id nobody issued is no session either.
        assertThat(gw.get("/api/v1/segments", "Cookie", "ls_session=made-up-by-an-attacker").statusCode()).isEqualTo(401);
    }

    @Test
    void signingOutNeedsTheTokenEndsTheSessionAndClearsTheCookie() throws Exception {
        Session s = signIn(gw, "max");
        assertThat(gw.send("DELETE", "/app/session", "application/json", null, "Cookie", s.cookie()).statusCode()).isEqualTo(403);
        assertThat(gw.get("/app/session", "Cookie", s.cookie()).statusCode()).as("still signed in").isEqualTo(200);

        HttpResponse<String> out = gw.send("DELETE", "/app/session", "application/json", null, "Cookie", s.cookie(), "X-CSRF-Token", s.csrf());
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("ls_session=;").contains("Max-Age=0");
        assertThat(gw.get("/app/session", "Cookie", s.cookie()).statusCode()).isEqualTo(401);
        HttpResponse<String> api = gw.get("/api/v1/segments", "Cookie", s.cookie());
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.body()).contains("sign in again");
    }

    @Test
    void eachRoleReachesOnlyWhatItMayAndTheRoleIsReadAtEachRequest() throws Exception {
        Session analyst = signIn(gw, "ana");
        assertThat(analyst.reply().getBoolean("mayWrite")).isFalse();
        assertThat(gw.get("/api/v1/segments", "Cookie", analyst.cookie()).statusCode()).isEqualTo(200);
        HttpResponse<String> write = gw.send("PUT", "/api/v1/segments/ana", "application/json", SEGMENT.formatted("ana"), "Cookie", analyst.cookie(),
                "X-CSRF-Token", analyst.csrf());
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(write.body()).contains("may only read");
        assertThat(gw.get("/api/v1/users", "Cookie", analyst.cookie()).statusCode()).isEqualTo(403);
        Session marketer = signIn(gw, "lea");
        assertThat(gw.get("/api/v1/users", "Cookie", marketer.cookie()).statusCode()).isEqualTo(403);
        Session admin = signIn(gw, "ada");
        assertThat(gw.get("/api/v1/users", "Cookie", admin.cookie()).statusCode()).isEqualTo(200);

        // An admin makes the analyst a marketer: the same session may write at once.
        HttpResponse<String> promoted = gw.send("PUT", "/api/v1/users/ana", "application/json", new JsonObject().put("role", "marketer").encode(),
                "Cookie", admin.cookie(), "X-CSRF-Token", admin.csrf());
        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
        assertThat(new JsonObject(gw.get("/app/session", "Cookie", analyst.cookie()).body()).getString("role")).isEqualTo("marketer");
    }

    @Test
    void failedSignInsAreThrottledAndALockedAccountSaysSo() throws Exception {
        String user = "olu"; // locked by this test: no other test signs in as olu
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = signInResponse(gw, user, "wrong-" + i, "X-Forwarded-For", "198.51.100.7");
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).contains("wrong user name or password");
            assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        }
        HttpResponse<String> locked = signInResponse(gw, user, password(user), "X-Forwarded-For", "198.51.100.7");
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.body()).containsIgnoringCase("locked");
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void aSessionUnusedForItsIdleTimeoutEnds() throws Exception {
        try (GatewayFixture brief = new GatewayFixture(namespace, c -> c.with(AuthOptions.SESSION_IDLE_TIMEOUT, Duration.ofSeconds(1)))) {
            Session s = signIn(brief, "lea");
            assertThat(brief.get("/app/session", "Cookie", s.cookie()).statusCode()).isEqualTo(200);
            Thread.sleep(2_500);
            assertThat(brief.get("/app/session", "Cookie", s.cookie()).statusCode()).isEqualTo(401);
            assertThat(brief.get("/api/v1/segments", "Cookie", s.cookie()).statusCode()).isEqualTo(401);
        }
    }
}
