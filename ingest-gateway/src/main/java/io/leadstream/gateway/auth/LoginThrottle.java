package io.leadstream.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Failed logins counted per user and per client address. Past the limit the user (or address) is
 * locked for the lock duration: every attempt is refused unchecked, so a guesser learns nothing, and
 * the answer says until when. A success clears the user's count. Kept in this gateway's memory.
 */
public final class LoginThrottle {
    /** Why and for how long an attempt is refused. */
    public record Lock(String reason, Duration retryAfter) {}

    private record Failures(int count, Instant lockedUntil) {}

    private final Cache<String, Failures> byUser;
    private final Cache<String, Failures> byAddress;
    private final int maxPerUser;
    private final int maxPerAddress;
    private final Duration lock;
    private final Clock clock;

    public LoginThrottle(int maxPerUser, int maxPerAddress, Duration lock, Clock clock) {
        this.maxPerUser = maxPerUser;
        this.maxPerAddress = maxPerAddress;
        this.lock = lock;
        this.clock = clock;
        this.byUser = Caffeine.newBuilder().expireAfterWrite(lock).maximumSize(100_000).build();
        this.byAddress = Caffeine.newBuilder().expireAfterWrite(lock).maximumSize(100_000).build();
    }

    /** The lock refusing this attempt, if any: the address's first, then the user's. */
    public Optional<Lock> locked(String username, String address) {
        Instant now = clock.instant();
        Failures a = byAddress.getIfPresent(address);
        if (a != null && a.lockedUntil != null && now.isBefore(a.lockedUntil)) {
            return Optional.of(new Lock("too many failed logins from this address; try again after " + a.lockedUntil,
                    Duration.between(now, a.lockedUntil)));
        }
        Failures u = username == null ? null : byUser.getIfPresent(username);
        if (u != null && u.lockedUntil != null && now.isBefore(u.lockedUntil)) {
            return Optional.of(new Lock("account locked after too many failed logins until " + u.lockedUntil,
                    Duration.between(now, u.lockedUntil)));
        }
        return Optional.empty();
    }

    public void failed(String username, String address) {
        count(byAddress, address, maxPerAddress);
        if (username != null) {
            count(byUser, username, maxPerUser);
        }
    }

    public void succeeded(String username) {
        byUser.invalidate(username);
    }

    private void count(Cache<String, Failures> cache, String key, int max) {
        Instant now = clock.instant();
        cache.asMap().compute(key, (k, f) -> {
            int n = (f == null || (f.lockedUntil != null && !now.isBefore(f.lockedUntil)) ? 0 : f.count) + 1;
            return new Failures(n, n >= max ? now.plus(lock) : null);
        });
    }
}
