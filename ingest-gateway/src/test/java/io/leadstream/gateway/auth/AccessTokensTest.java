package io.leadstream.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AccessTokensTest {
    private static final String SECRET = "a-secret-of-at-least-32-characters-000";

    @Test
    void aTokenNamesItsUserUntilItExpires() {
        Instant t0 = Instant.parse("2026-12-04T12:00:00Z");
        String token = new AccessTokens(SECRET, Duration.ofMinutes(60), Clock.fixed(t0, ZoneOffset.UTC)).issue("mark");
        AccessTokens.Verified fresh = new AccessTokens(SECRET, Duration.ofMinutes(60), Clock.fixed(t0.plusSeconds(3599), ZoneOffset.UTC)).verify(token);
        assertThat(fresh.username()).isEqualTo("mark");
        assertThat(fresh.expired()).isFalse();
        assertThat(new AccessTokens(SECRET, Duration.ofMinutes(60), Clock.fixed(t0.plusSeconds(3600), ZoneOffset.UTC)).verify(token).expired()).isTrue();
    }

    @Test
    void aTamperedTokenOrAnotherKeysIsNotOurs() {
        AccessTokens tokens = new AccessTokens(SECRET, Duration.ofMinutes(60), Clock.systemUTC());
        String token = tokens.issue("mark");
        String body = token.substring(0, token.indexOf('.'));
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("alice\n99999999999".getBytes()) + token.substring(token.indexOf('.'));
        assertThat(tokens.verify(forged)).isNull();
        assertThat(tokens.verify(body)).isNull();
        assertThat(tokens.verify(body + ".")).isNull();
        assertThat(tokens.verify("not a token")).isNull();
        assertThat(new AccessTokens(SECRET + "-other", Duration.ofMinutes(60), Clock.systemUTC()).verify(token)).isNull();
    }
}
