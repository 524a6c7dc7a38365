package io.leadstream.gateway.auth;

import io.leadstream.common.crypto.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * OAuth2 access tokens: {@code base64url(username \n expiry).base64url(HMAC-SHA256)}. Signed rather
 * than stored, so any gateway with the key verifies them without a lookup; the user's current role
 * is read at each use, and a deleted user's tokens stop working with it.
 */
public final class AccessTokens {
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();
    private static final int MAX_LENGTH = 512;

    /** A verified token: whose, and whether it is past its expiry. */
    public record Verified(String username, Instant expiresAt, boolean expired) {}

    private final HmacSha256 key;
    private final Duration ttl;
    private final Clock clock;

    /** {@code secret}: the gateway's signing secret; a purpose is mixed in so these never verify as email tokens. */
    public AccessTokens(String secret, Duration ttl, Clock clock) {
        this.key = new HmacSha256("access-token/" + secret);
        this.ttl = ttl;
        this.clock = clock;
    }

    public Duration ttl() {
        return ttl;
    }

    public String issue(String username) {
        byte[] body = (username + "\n" + clock.instant().plus(ttl).getEpochSecond()).getBytes(StandardCharsets.UTF_8);
        return ENC.encodeToString(body) + "." + ENC.encodeToString(mac(body));
    }

    /** The token's user and expiry, or null when it is not one of ours. */
    public Verified verify(String token) {
        int dot = token.indexOf('.');
        if (token.length() > MAX_LENGTH || dot <= 0 || dot != token.lastIndexOf('.')) {
            return null;
        }
        try {
            byte[] body = DEC.decode(token.substring(0, dot));
            if (!MessageDigest.isEqual(mac(body), DEC.decode(token.substring(dot + 1)))) {
                return null;
            }
            String[] parts = new String(body, StandardCharsets.UTF_8).split("\n", -1);
            Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[1]));
            return new Verified(parts[0], expires, !clock.instant().isBefore(expires));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    private byte[] mac(byte[] body) {
        return key.sign(body);
    }
}
