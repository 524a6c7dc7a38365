package io.leadstream.gateway.auth;

import io.leadstream.common.config.ConfigOption;
import io.leadstream.common.config.ModuleOptions;
import java.time.Duration;

/** How the gateway's APIs authenticate users (docs/auth.md). */
public final class AuthOptions {
    private AuthOptions() {}

    /** Makes these options known to {@code AllOptions} wherever this module is on the classpath. */
    public static final class Module implements ModuleOptions {
        @Override
        public Class<?> holder() {
            return AuthOptions.class;
        }
    }

    public static final ConfigOption<Duration> ACCESS_TOKEN_TTL = ConfigOption.key("auth.access-token-ttl")
            .durationType().defaultValue(Duration.ofHours(1))
            .withDescription("How long an OAuth2 access token from /oauth/v2/token is valid; after that the API answers 401 and the client asks again.");

    public static final ConfigOption<Integer> MAX_FAILURES_PER_USER = ConfigOption.key("auth.max-failures-per-user")
            .intType().defaultValue(5)
            .withDescription("Failed logins in a row after which a user is locked for auth.lock-duration (429 with Retry-After).");

    public static final ConfigOption<Integer> MAX_FAILURES_PER_IP = ConfigOption.key("auth.max-failures-per-ip")
            .intType().defaultValue(20)
            .withDescription("Failed logins from one address after which it is refused for auth.lock-duration (429 with Retry-After).");

    public static final ConfigOption<Duration> LOCK_DURATION = ConfigOption.key("auth.lock-duration")
            .durationType().defaultValue(Duration.ofMinutes(15))
            .withDescription("How long a locked user or address is refused; failures older than this are forgotten.");

    public static final ConfigOption<Duration> CREDENTIALS_CACHE = ConfigOption.key("auth.credentials-cache")
            .durationType().defaultValue(Duration.ofMinutes(1))
            .withDescription("How long a verified name and password are trusted without hashing again (Argon2id costs tens of ms"
                    + " per check); a changed password or role takes effect after at most this long.");

    public static final ConfigOption<Duration> SESSION_IDLE_TIMEOUT = ConfigOption.key("auth.session-idle-timeout")
            .durationType().defaultValue(Duration.ofMinutes(30))
            .withDescription("A web app session (the /app/ sign-in) unused this long ends: the next request answers 401 and the app asks to sign in.");

    public static final ConfigOption<Duration> SESSION_MAX_AGE = ConfigOption.key("auth.session-max-age")
            .durationType().defaultValue(Duration.ofHours(12))
            .withDescription("A web app session ends this long after its sign-in, however busy.");
}
