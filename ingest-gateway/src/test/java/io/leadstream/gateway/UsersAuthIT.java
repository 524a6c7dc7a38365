package io.leadstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.leadstream.gateway.auth.AuthOptions;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.store.cassandra.CassandraSchema;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * Users and roles on the real stack (users in Cassandra, Argon2id hashes): an admin manages users;
 * HTTP Basic and OAuth2 client-credentials tokens authenticate them; analysts only read; failed
 * logins are throttled per user and per address; tokens expire; no password or token is logged.
 */
@ExtendWith(LeadStreamStackExtension.class)
class UsersAuthIT {
    private static final String ADMIN = "Bearer " + GatewayFixture.TOKEN;
    private static final String FORM = """
            {"name": "Signup", "fields": [{"alias": "email", "type": "email"}]}""";

    private static GatewayFixture gw;
    private static ListAppender<ILoggingEvent> logs;

    @BeforeAll
    static void start(TestNamespace ns) throws Exception {
        CassandraSchema.apply(ns.config());
        gw = new GatewayFixture(ns, c -> c.with(GatewayOptions.TRUSTED_PROXIES, "127.0.0.1")
                .with(AuthOptions.MAX_FAILURES_PER_USER, 3).with(AuthOptions.MAX_FAILURES_PER_IP, 6)
                .with(AuthOptions.ACCESS_TOKEN_TTL, Duration.ofSeconds(3)));
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        for (String[] u : List.of(new String[] {"alice", "admin"}, new String[] {"mark", "marketer"}, new String[] {"ann", "analyst"},
                new String[] {"lou", "marketer"}, new String[] {"otto", "marketer"})) {
            HttpResponse<String> created = gw.post("/api/v1/users", "application/json", new JsonObject().put("username", u[0])
                    .put("password", password(u[0])).put("role", u[1]).encode(), "Authorization", ADMIN);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(new JsonObject(created.body()).getString("role")).isEqualTo(u[1]);
        }
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        gw.close();
    }

    private static String password(String user) {
        return "pw-of-" + user + "-Secret42";
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> as(String authorization, String address, String method, String path, String body) throws Exception {
        return gw.send(method, path, "application/json", body, "Authorization", authorization, "X-Forwarded-For", address);
    }

    @Test
    void anAdminManagesUsersAndAnswersNeverCarryAPasswordOrItsHash() throws Exception {
        HttpResponse<String> list = gw.get("/api/v1/users", "Authorization", ADMIN);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(list.body()).getJsonArray("users").stream().map(u -> ((JsonObject) u).getString("username")))
                .contains("alice", "mark", "ann");
        assertThat(list.body()).doesNotContain("pw-of-", "argon2", "password");
        assertThat(gw.post("/api/v1/users", "application/json", "{\"username\": \"mark\", \"password\": \"another-pass\", \"role\": \"admin\"}",
                "Authorization", ADMIN).statusCode()).isEqualTo(409);
        HttpResponse<String> bad = gw.post("/api/v1/users", "application/json", "{\"username\": \"x y\", \"password\": \"short\", \"role\": \"owner\"}",
                "Authorization", ADMIN);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("username", "password", "role: admin, marketer or analyst");
        // Only an admin: a marketer and an analyst get 403, whatever they try.
        assertThat(as(basic("mark", password("mark")), "10.0.0.1", "GET", "/api/v1/users", null).statusCode()).isEqualTo(403);
        assertThat(as(basic("alice", password("alice")), "10.0.0.1", "GET", "/api/v1/users/mark", null).statusCode()).isEqualTo(200);
        // A changed password: the old one stops working at once on this gateway.
        assertThat(as(basic("alice", password("alice")), "10.0.0.1", "PUT", "/api/v1/users/otto", "{\"password\": \"otto-new-pass-1\"}")
                .statusCode()).isEqualTo(200);
        assertThat(as(basic("otto", password("otto")), "10.0.0.2", "GET", "/api/v1/forms", null).statusCode()).isEqualTo(401);
        assertThat(as(basic("otto", "otto-new-pass-1"), "10.0.0.2", "GET", "/api/v1/forms", null).statusCode()).isEqualTo(200);
        assertThat(as(basic("alice", password("alice")), "10.0.0.1", "DELETE", "/api/v1/users/otto", null).statusCode()).isEqualTo(204);
        assertThat(as(basic("otto", "otto-new-pass-1"), "10.0.0.2", "GET", "/api/v1/forms", null).statusCode()).isEqualTo(401);
        assertThat(as(basic("alice", password("alice")), "10.0.0.1", "DELETE", "/api/v1/users/otto", null).statusCode()).isEqualTo(404);
    }

    @Test
    void basicAuthWorksForEveryRoleAndTheAnalystIsRefusedEveryWrite() throws Exception {
        HttpResponse<String> put = as(basic("mark", password("mark")), "10.0.1.1", "PUT", "/api/v1/forms/signup", FORM);
        assertThat(put.statusCode()).as(put.body()).isIn(200, 201);
        String analyst = basic("ann", password("ann"));
        assertThat(as(analyst, "10.0.1.1", "GET", "/api/v1/forms/signup", null).statusCode()).isEqualTo(200);
        for (String[] write : List.of(new String[] {"PUT", "/api/v1/forms/signup"}, new String[] {"DELETE", "/api/v1/forms/signup"},
                new String[] {"POST", "/api/v1/events"}, new String[] {"POST", "/api/v1/users"})) {
            HttpResponse<String> refused = as(analyst, "10.0.1.1", write[0], write[1], FORM);
            assertThat(refused.statusCode()).as(write[0] + " " + write[1]).isEqualTo(403);
            assertThat(refused.body()).contains("may only read");
        }
        HttpResponse<String> wrong = as(basic("mark", "not-his-password"), "10.0.1.2", "GET", "/api/v1/forms", null);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).contains("Basic"));
        assertThat(as(basic("nobody", "whatever-it-is"), "10.0.1.2", "GET", "/api/v1/forms", null).statusCode()).isEqualTo(401);
        // A page's own fetch (the dashboard's) is not offered Basic: the browser would ask for a password instead of the page.
        HttpResponse<String> pageFetch = gw.get("/api/v1/forms", "Sec-Fetch-Mode", "cors");
        assertThat(pageFetch.statusCode()).isEqualTo(401);
        assertThat(pageFetch.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).doesNotContain("Basic"));
        // The configured admin token keeps working beside users.
        assertThat(gw.get("/api/v1/forms/signup", "Authorization", ADMIN).statusCode()).isEqualTo(200);
    }

    @Test
    void failedLoginsLockTheUserAndThenTheAddressWithRetryAfter() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(as(basic("lou", "guess-" + i), "10.0.2." + i, "GET", "/api/v1/forms", null).statusCode()).isEqualTo(401);
        }
        // Locked: even the right password is refused unchecked, and the answer says so.
        HttpResponse<String> locked = as(basic("lou", password("lou")), "10.0.2.9", "GET", "/api/v1/forms", null);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.body()).contains("account locked");
        assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 900L);
        // Another user is unaffected.
        assertThat(as(basic("mark", password("mark")), "10.0.2.9", "GET", "/api/v1/forms", null).statusCode()).isEqualTo(200);

        // One address guessing at many names is refused too, also for a real user's right password.
        for (int i = 0; i < 6; i++) {
            assertThat(as(basic("stranger" + i, "guess"), "10.0.3.3", "GET", "/api/v1/forms", null).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> fromThere = as(basic("mark", password("mark")), "10.0.3.3", "GET", "/api/v1/forms", null);
        assertThat(fromThere.statusCode()).isEqualTo(429);
        assertThat(fromThere.body()).contains("this address");
        assertThat(fromThere.headers().firstValue("Retry-After")).isPresent();
        assertThat(as(basic("mark", password("mark")), "10.0.3.4", "GET", "/api/v1/forms", null).statusCode()).isEqualTo(200);
    }

    @Test
    void oauth2ClientCredentialsTokensWorkUntilTheyExpireAndANewOneIsIssued() throws Exception {
        HttpResponse<String> wrong = gw.post("/oauth/v2/token", "application/x-www-form-urlencoded",
                "grant_type=client_credentials&client_id=mark&client_secret=wrong-secret", "X-Forwarded-For", "10.0.4.1");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(wrong.body()).getString("error")).isEqualTo("invalid_client");
        assertThat(gw.post("/oauth/v2/token", "application/x-www-form-urlencoded", "grant_type=password&username=mark&password=x")
                .statusCode()).isEqualTo(400);

        String token = token("mark");
        assertThat(as("Bearer " + token, "10.0.4.1", "GET", "/api/v1/forms", null).statusCode()).isEqualTo(200);
        assertThat(as("Bearer " + token, "10.0.4.1", "PUT", "/api/v1/forms/by-token", FORM).statusCode()).isIn(200, 201);
        String analystToken = token("ann");
        assertThat(as("Bearer " + analystToken, "10.0.4.1", "PUT", "/api/v1/forms/by-token", FORM).statusCode()).isEqualTo(403);
        assertThat(as("Bearer " + token.substring(0, token.length() - 2) + "xx", "10.0.4.1", "GET", "/api/v1/forms", null).statusCode())
                .isEqualTo(401);

        Thread.sleep(3_500); // the configured lifetime is 3 s
        HttpResponse<String> expired = as("Bearer " + token, "10.0.4.1", "GET", "/api/v1/forms", null);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).contains("expired");
        // What a client does after that 401: ask again, and go on.
        assertThat(as("Bearer " + token("mark"), "10.0.4.1", "GET", "/api/v1/forms", null).statusCode()).isEqualTo(200);
    }

    @Test
    void noPasswordOrTokenEverAppearsInALogLine() throws Exception {
        String secretGuess = "my-secret-guess-77";
        as(basic("mark", secretGuess), "10.0.5.1", "GET", "/api/v1/forms", null);
        as(basic("mark", password("mark")), "10.0.5.1", "GET", "/api/v1/forms", null);
        String token = token("mark");
        as("Bearer " + token, "10.0.5.1", "GET", "/api/v1/forms", null);
        gw.post("/api/v1/users", "application/json", "{\"username\": \"logged\", \"password\": \"logged-pass-42\", \"role\": \"analyst\"}",
                "Authorization", ADMIN);
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).anySatisfy(m -> assertThat(m).contains("Failed login for user 'mark'"));
        assertThat(logs.list).extracting(e -> e.getFormattedMessage() + " " + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage()))
                .allSatisfy(m -> assertThat(m).doesNotContain(secretGuess, password("mark"), token, GatewayFixture.TOKEN, "logged-pass-42"));
    }

    private static String token(String user) throws Exception {
        HttpResponse<String> r = gw.post("/oauth/v2/token", "application/x-www-form-urlencoded",
                "grant_type=client_credentials&client_id=" + user + "&client_secret=" + password(user), "X-Forwarded-For", "10.0.9.9");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject json = new JsonObject(r.body());
        assertThat(json.getString("token_type")).isEqualTo("bearer");
        assertThat(json.getLong("expires_in")).isEqualTo(3L);
        return json.getString("access_token");
    }
}
