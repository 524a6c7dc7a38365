package io.leadstream.gateway;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The device id: Mautic's {@code mautic_device_id} cookie (or parameter, from mtc.js's
 * localStorage copy), minted when absent and set back on the response for two years.
 */
final class DeviceIds {
    static final String COOKIE = "mautic_device_id";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private DeviceIds() {}

    /** The request's valid device id, or null. */
    static String fromRequest(HttpServerRequest request) {
        Cookie cookie = request.getCookie(COOKIE);
        if (cookie != null && VALID.matcher(cookie.getValue()).matches()) {
            return cookie.getValue();
        }
        String param = request.getParam(COOKIE);
        return param != null && VALID.matcher(param).matches() ? param : null;
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
        if (id == null && fallback != null && VALID.matcher(fallback).matches()) {
            id = fallback;
        }
        if (id == null) {
            id = mint();
        }
        // Cross-site trackers need SameSite=None, which browsers accept only with Secure (https).
        boolean https = request.isSSL() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
        response.addCookie(Cookie.cookie(COOKIE, id).setPath("/").setMaxAge(2L * 365 * 24 * 3600)
                .setHttpOnly(false).setSecure(https).setSameSite(https ? CookieSameSite.NONE : CookieSameSite.LAX));
        return id;
    }
}
