package io.leadstream.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The web app's sign-in sessions, in this gateway's memory: an id only the browser's HttpOnly
 * cookie carries, and a CSRF token the app sends back in a header on every write (a page of
 * another site can make the browser send the cookie, but cannot read the token). A session ends on
 * sign-out, after {@code auth.session-idle-timeout} unused, and {@code auth.session-max-age} after
 * its sign-in. Each sign-in gets a new id, so an id planted before it is worth nothing after.
 */
public final class AppSessions {
    /** The cookie that carries a session's id. */
    public static final String COOKIE = "ls_session";
    /** The header a write sends its session's CSRF token in. */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    /** A signed-in user's session; the role is read again at each request, so a changed role counts at once. */
    public record Session(String id, String username, String csrfToken, Instant signedIn) {
        /** Whether {@code given} is this session's CSRF token (compared in constant time). */
        public boolean csrfMatches(String given) {
            return given != null && MessageDigest.isEqual(csrfToken.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Cache<String, Session> sessions;
    private final Duration maxAge;
    private final Clock clock;

    public AppSessions(Duration idleTimeout, Duration maxAge, Clock clock) {
        this.sessions = Caffeine.newBuilder().expireAfterAccess(idleTimeout).maximumSize(100_000).build();
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** A new session for a user who just proved who they are. */
    public Session start(String username) {
        Session s = new Session(random(), username, random(), clock.instant());
        sessions.put(s.id(), s);
        return s;
    }

    /** The live session of {@code id}, if any. */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.getIfPresent(id);
        if (s != null && clock.instant().isAfter(s.signedIn().plus(maxAge))) {
            sessions.invalidate(id);
            return Optional.empty();
        }
        return Optional.ofNullable(s);
    }

    public void end(String id) {
        if (id != null) {
            sessions.invalidate(id);
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
