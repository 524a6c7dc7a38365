package io.leadstream.gateway;

import io.vertx.core.MultiMap;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import io.leadstream.definitions.TrackerParameterNames;
import java.util.regex.Pattern;

/**
 * Mautic's tracker parameters ({@code page_url}, {@code page_title}, {@code utm_*}, ...) and the
 * contact fields that ride along with them ({@code email}, {@code firstname}, ...).
 */
final class TrackerParameters {
    private static final Pattern FIELD_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final MultiMap params;

    TrackerParameters(MultiMap params) {
        this.params = params;
    }

    String get(String name) {
        String v = params.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    Integer getInt(String name) {
        String v = get(name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** utm_* from the request, then from the query of page_url (the request wins). */
    Map<String, String> utm() {
        Map<String, String> utm = new LinkedHashMap<>();
        String pageUrl = get("page_url");
        if (pageUrl != null) {
            utm.putAll(utmFromUrl(pageUrl));
        }
        for (Map.Entry<String, String> e : params.entries()) {
            if (e.getKey().startsWith("utm_") && !e.getValue().isBlank()) {
                utm.put(e.getKey(), e.getValue());
            }
        }
        return utm;
    }

    /** Every other lower-case parameter names a contact field (Mautic's convention); {@link FieldAdmission} decides which it may set. */
    Map<String, String> contactFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : params.entries()) {
            String key = e.getKey();
            if (TrackerParameterNames.isTrackerParameter(key) || !FIELD_NAME.matcher(key).matches() || e.getValue().isBlank()) {
                continue;
            }
            fields.put(key, e.getValue().strip());
        }
        return fields;
    }

    static Map<String, String> utmFromUrl(String url) {
        Map<String, String> utm = new LinkedHashMap<>();
        int q = url.indexOf('?');
        if (q < 0 || !url.contains("utm_")) {
            return utm;
        }
        int hash = url.indexOf('#', q);
        String query = hash < 0 ? url.substring(q + 1) : url.substring(q + 1, hash);
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = decode(pair.substring(0, eq));
            if (key != null && key.startsWith("utm_")) {
                String value = decode(pair.substring(eq + 1));
                if (value != null && !value.isBlank()) {
                    utm.put(key, value);
                }
            }
        }
        return utm;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
