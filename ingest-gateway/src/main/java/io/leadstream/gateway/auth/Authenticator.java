package io.leadstream.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.leadstream.gateway.auth.UserStore.User;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns credentials into a {@link Principal}: configured bearer tokens (the admin token, read-only
 * tokens), OAuth2 access tokens, and users' names and passwords (HTTP Basic, or a token request).
 * Failed password checks are throttled per user and per address. Nothing secret is ever logged:
 * only user names, addresses and why an attempt failed.
 */
public final class Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);

    /** An authentication's outcome: a principal, or the status and reason to refuse with. */
    public record Outcome(Principal principal, int status, String reason, Duration retryAfter) {
        static Outcome of(Principal p) {
            return new Outcome(p, 200, null, null);
        }

        static Outcome refused(int status, String reason) {
            return new Outcome(null, status, reason, null);
        }
    }

    private final Vertx vertx;
    private final byte[] adminToken;
    private final List<byte[]> readTokens;
    private final UserStore users;
    private final AccessTokens accessTokens;
    private final LoginThrottle throttle;
    /** Recently verified name, password and stored hash: a client calling often pays for Argon2 once per period. */
    private final Cache<String, Boolean> verified;

    public Authenticator(Vertx vertx, String adminToken, String readTokens, UserStore users, AccessTokens accessTokens,
                         LoginThrottle throttle, Duration credentialsCache) {
        if (adminToken == null || adminToken.isBlank()) {
            throw new IllegalArgumentException("api.token (LEADSTREAM_API_TOKEN) must be set for the API");
        }
        this.vertx = vertx;
        this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
        this.readTokens = Arrays.stream(readTokens == null ? new String[0] : readTokens.split(","))
                .map(String::strip).filter(t -> !t.isEmpty()).map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
        this.users = users;
        this.accessTokens = accessTokens;
        this.throttle = throttle;
        this.verified = Caffeine.newBuilder().expireAfterWrite(credentialsCache).maximumSize(10_000).build();
    }

    public AccessTokens accessTokens() {
        return accessTokens;
    }

    /** Who the {@code Authorization} header names; {@code address}: the client's, for throttling. */
    public Future<Outcome> authenticate(String authorization, String address) {
        Credentials credentials = Credentials.parse(authorization);
        if (credentials instanceof Credentials.Bearer bearer) {
            return bearer(bearer.token());
        }
        if (credentials instanceof Credentials.Basic basic) {
            return password(basic.username(), basic.password(), address);
        }
        return Future.succeededFuture(Outcome.refused(401, "missing or invalid credentials: HTTP Basic (user) or a bearer token"));
    }

    private Future<Outcome> bearer(String token) {
        // Every configured token is compared, in constant time, whatever matched first: timing tells nothing about them.
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        boolean admin = MessageDigest.isEqual(adminToken, given);
        boolean reader = false;
        for (byte[] r : readTokens) {
            reader |= MessageDigest.isEqual(r, given);
        }
        if (admin) {
            return Future.succeededFuture(Outcome.of(new Principal("api.token", Role.ADMIN)));
        }
        if (reader) {
            return Future.succeededFuture(Outcome.of(new Principal("api.read-tokens", Role.ANALYST)));
        }
        AccessTokens.Verified v = accessTokens.verify(token);
        if (v == null) {
            return Future.succeededFuture(Outcome.refused(401, "invalid bearer token"));
        }
        if (v.expired()) {
            return Future.succeededFuture(Outcome.refused(401, "access token expired at " + v.expiresAt() + "; request a new one"));
        }
        return current(v.username(), "the token's user no longer exists");
    }

    /** A signed-in web app session's user, with the role the user has now. */
    public Future<Outcome> sessionUser(String username) {
        return current(username, "the session's user no longer exists; sign in again");
    }

    private Future<Outcome> current(String username, String gone) {
        return user(username).map(u -> u.isEmpty() || u.get().role() == null
                ? Outcome.refused(401, gone)
                : Outcome.of(new Principal(u.get().username(), u.get().role())));
    }

    /** A user's name and password, as Basic auth or an OAuth2 client's id and secret give them. */
    public Future<Outcome> password(String username, String password, String address) {
        Optional<LoginThrottle.Lock> lock = throttle.locked(username, address);
        if (lock.isPresent()) {
            return Future.succeededFuture(new Outcome(null, 429, lock.get().reason(), lock.get().retryAfter()));
        }
        return user(username).compose(found -> {
            String hash = found.map(User::passwordHash).orElse(null);
            String key = username + "\u0000" + sha256(password) + "\u0000" + hash;
            if (hash != null && verified.getIfPresent(key) != null) {
                return Future.succeededFuture(found);
            }
            // Argon2 takes tens of milliseconds: off the event loop. An unknown user costs the same, so timing tells nothing.
            return vertx.executeBlocking(() -> PasswordHashing.matches(password, hash != null ? hash : DUMMY_HASH) && hash != null, false)
                    .map(ok -> {
                        if (ok) {
                            verified.put(key, Boolean.TRUE);
                        }
                        return ok ? found : Optional.<User>empty();
                    });
        }).map(user -> {
            if (user.isEmpty() || user.get().role() == null) {
                throttle.failed(username, address);
                LOG.info("Failed login for user '{}' from {}", clip(username), address);
                return Outcome.refused(401, "wrong user name or password");
            }
            throttle.succeeded(username);
            return Outcome.of(new Principal(user.get().username(), user.get().role()));
        });
    }

    private Future<Optional<User>> user(String username) {
        if (users == null) {
            return Future.failedFuture(new IllegalStateException("users need Cassandra (gateway.contacts-api is off)"));
        }
        return Future.fromCompletionStage(users.find(username));
    }

    private static final String DUMMY_HASH = PasswordHashing.hash("leadstream-no-such-user");

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String clip(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }
}
