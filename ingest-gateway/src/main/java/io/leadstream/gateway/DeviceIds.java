package io.leadstream.gateway;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The device id: Mautic's {@code mautic_device_id} cookie (or parameter, from mtc.js's
 * localStorage copy when cookies are blocked), minted when absent and set back on the response for
 * two years. Minted ids are signed ({@code random-signature}, HMAC of the gateway's secret): an id
 * given as a parameter or form field is taken only when signed, so nobody can continue a visitor
 * whose id they did not receive, nor invent one that might be someone's. A cookie's id is taken as
 * it is (the cookies of a site moving from Mautic carry its unsigned ids).
 */
final class DeviceIds {
    static final String COOKIE = "mautic_device_id";
    private static final long MAX_AGE_SECONDS = 2L * 365 * 24 * 3600;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The Expires attribute moves once a second; every hit in that second shares the string. */
    private static final DateTimeFormatter COOKIE_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static volatile CachedExpiry expiry = new CachedExpiry(Long.MIN_VALUE, "");

    private static final java.util.Base64.Encoder SIGNATURE = java.util.Base64.getUrlEncoder().withoutPadding();

    private final io.leadstream.common.crypto.HmacSha256 key;

    DeviceIds(String secret) {
        this.key = new io.leadstream.common.crypto.HmacSha256("device-id/" + secret);
    }

    /** The request's valid device id (the cookie's, else a signed parameter), or null. */
    String fromRequest(HttpServerRequest request) {
        Cookie cookie = request.getCookie(COOKIE);
        if (cookie != null && valid(cookie.getValue())) {
            return cookie.getValue();
        }
        String param = request.getParam(COOKIE);
        return signed(param) ? param : null;
    }

    /** Whether {@code id} is one this gateway (or another with the same secret) minted. */
    boolean signed(String id) {
        if (!valid(id)) {
            return false;
        }
        int dash = id.indexOf('-'); // the random part is hex; the signature, base64url, may hold dashes itself
        return dash > 0 && java.security.MessageDigest.isEqual(signature(id.substring(0, dash)).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                id.substring(dash + 1).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private String signature(String random) {
        return SIGNATURE.encodeToString(java.util.Arrays.copyOf(key.sign(random.getBytes(java.nio.charset.StandardCharsets.US_ASCII)), 9));
    }

    /** [A-Za-z0-9_-]{8,64}, checked without a regex: this runs on every hit. */
    static boolean valid(String id) {
        if (id == null || id.length() < 8 || id.length() > 64) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    String mint() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        String random = HexFormat.of().formatHex(bytes);
        return random + "-" + signature(random);
    }

    /** Resolves or mints the id and (re)sets the cookie. */
    String resolve(HttpServerRequest request, HttpServerResponse response) {
        return resolve(request, response, null);
    }

    /**
     * As {@link #resolve(HttpServerRequest, HttpServerResponse)}, with {@code fallback} (a body
     * parameter or hidden form field from mtc.js's localStorage copy) used when no cookie came.
     */
    String resolve(HttpServerRequest request, HttpServerResponse response, String fallback) {
        String id = fromRequest(request);
        if (id == null && signed(fallback)) {
            id = fallback;
        }
        if (id == null) {
            id = mint();
        }
        // Cross-site trackers need SameSite=None, which browsers accept only with Secure (https).
        boolean https = request.isSSL() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
        // Written as a header rather than through addCookie: the id is already validated, and
        // encoding the cookie with a fresh Expires date on every hit was a visible share of CPU.
        response.headers().add(HttpHeaders.SET_COOKIE, COOKIE + "=" + id + "; Max-Age=" + MAX_AGE_SECONDS
                + "; Expires=" + expires() + "; Path=/" + (https ? "; Secure; SameSite=None" : "; SameSite=Lax"));
        return id;
    }

    private static String expires() {
        long now = System.currentTimeMillis() / 1000;
        CachedExpiry cached = expiry;
        if (cached.second != now) {
            cached = new CachedExpiry(now, COOKIE_DATE.format(Instant.ofEpochSecond(now + MAX_AGE_SECONDS)));
            expiry = cached;
        }
        return cached.text;
    }

    private record CachedExpiry(long second, String text) {}
}
