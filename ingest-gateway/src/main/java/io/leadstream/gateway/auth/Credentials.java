package io.leadstream.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** What an {@code Authorization} header carries: a bearer token, or Basic name and password; null for anything else. */
public sealed interface Credentials {
    record Bearer(String token) implements Credentials {}

    record Basic(String username, String password) implements Credentials {}

    static Credentials parse(String header) {
        if (header == null) {
            return null;
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).strip();
            return token.isEmpty() ? null : new Bearer(token);
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                return colon <= 0 ? null : new Basic(pair.substring(0, colon), pair.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
