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
 * localStorage copy), minted when absent and set back on the response for two years.
 */
final class DeviceIds {
    static final String COOKIE = "mautic_device_id";
    private static final long MAX_AGE_SECONDS = 2L * 365 * 24 * 3600;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The Expires attribute moves once a second; every hit in that second shares the string. */
    private static final DateTimeFormatter COOKIE_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static volatile CachedExpiry expiry = new CachedExpiry(Long.MIN_VALUE, "");

    private DeviceIds() {}

    /** The request's valid device id, or null. */
    static String fromRequest(HttpServerRequest request) {
        Cookie cookie = request.getCookie(COOKIE);
        if (cookie != null && valid(cookie.getValue())) {
            return cookie.getValue();
        }
        String param = request.getParam(COOKIE);
        return valid(param) ? param : null;
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

    static String mint() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Resolves or mints the id and (re)sets the cookie. */
    static String resolve(HttpServerRequest request, HttpServerResponse response) {
        return resolve(request, response, null);
    }

    /**
     * As {@link #resolve(HttpServerRequest, HttpServerResponse)}, with {@code fallback} (a body
     * parameter or hidden form field from mtc.js's localStorage copy) used when no cookie came.
     */
    static String resolve(HttpServerRequest request, HttpServerResponse response, String fallback) {
        String id = fromRequest(request);
        if (id == null && valid(fallback)) {
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
