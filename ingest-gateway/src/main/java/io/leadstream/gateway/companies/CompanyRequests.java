package io.leadstream.gateway.companies;

import io.leadstream.gateway.JsonBodies;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The bodies of /api/v1/companies writes, read and checked before anything is looked up: each refusal is a 400 with its reason. */
final class CompanyRequests {
    /** A company's or a contact's id, as the engine mints them and callers name them. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    static final int MAX_CONTACTS = 100;
    static final int MAX_DELTA = 1_000_000;

    private CompanyRequests() {}

    /** A body that is not a valid request; the message is the 400's reason. */
    static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Invalid(String reason) {
            super(reason);
        }
    }

    /** Contacts to add to and take out of a company, each once, in the order given. */
    record MemberChanges(List<String> add, List<String> remove) {}

    /** {@code {"fields": {alias: value}}}: values as text (numbers and booleans as written), null as "" (clears). */
    static Map<String, String> fields(Buffer body) {
        JsonObject request = object(body, "{\"fields\": {\"alias\": value, ...}}", Set.of("fields"));
        if (!(request.getValue("fields") instanceof JsonObject given) || given.isEmpty() || given.size() > CompanyFields.MAX_FIELDS) {
            throw new Invalid("fields: an object of 1 to " + CompanyFields.MAX_FIELDS + " field values");
        }
        Map<String, String> values = new LinkedHashMap<>();
        given.forEach(e -> {
            Object v = e.getValue();
            if (v instanceof JsonObject || v instanceof JsonArray) {
                throw new Invalid("fields/" + e.getKey() + ": a text, number or boolean value (null clears it)");
            }
            values.put(e.getKey(), v == null ? "" : String.valueOf(v));
        });
        return values;
    }

    /** {@code {"add": [contact ids], "remove": [...]}}: at least one id, at most {@value #MAX_CONTACTS}, none in both. */
    static MemberChanges members(Buffer body) {
        String shape = "{\"add\": [contact ids], \"remove\": [contact ids]}";
        JsonObject request = object(body, shape, Set.of("add", "remove"));
        List<String> add = ids(request, "add");
        List<String> remove = ids(request, "remove");
        if (add.isEmpty() && remove.isEmpty()) {
            throw new Invalid("no contact to add or remove; " + shape);
        }
        if (add.size() + remove.size() > MAX_CONTACTS) {
            throw new Invalid("at most " + MAX_CONTACTS + " contacts per request");
        }
        for (String id : add) {
            if (remove.contains(id)) {
                throw new Invalid("contact " + id + " is both added and removed");
            }
        }
        return new MemberChanges(add, remove);
    }

    /** {@code {"from": "<company id>"}}: the company to merge into the path's. */
    static String mergeFrom(Buffer body) {
        JsonObject request = object(body, "{\"from\": \"<company id>\"}", Set.of("from"));
        if (!(request.getValue("from") instanceof String from) || !ID.matcher(from).matches()) {
            throw new Invalid("from: the id of the company to merge into this one (1 to 128 letters, digits, '_', '.', ':' or '-')");
        }
        return from;
    }

    /** {@code {"delta": n}}: a whole number, not 0, at most {@value #MAX_DELTA} either way. */
    static int delta(Buffer body) {
        JsonObject request = object(body, "{\"delta\": n}", Set.of("delta"));
        Object delta = request.getValue("delta");
        if (!(delta instanceof Integer || delta instanceof Long) || ((Number) delta).longValue() == 0
                || Math.abs(((Number) delta).longValue()) > MAX_DELTA) {
            throw new Invalid("delta: a whole number of points, not 0, from -" + MAX_DELTA + " to " + MAX_DELTA);
        }
        return ((Number) delta).intValue();
    }

    private static JsonObject object(Buffer body, String shape, Set<String> keys) {
        JsonObject request;
        try {
            request = JsonBodies.object(body);
        } catch (JsonBodies.Refused e) {
            throw new Invalid(e.getMessage() + "; expected " + shape);
        }
        for (String key : request.fieldNames()) {
            if (!keys.contains(key)) {
                throw new Invalid("unknown key '" + key + "'; expected " + shape);
            }
        }
        return request;
    }

    private static List<String> ids(JsonObject request, String key) {
        Object value = request.getValue(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw new Invalid(key + ": an array of contact ids");
        }
        Set<String> out = new LinkedHashSet<>();
        for (Object id : array) {
            if (!(id instanceof String s) || !ID.matcher(s).matches()) {
                throw new Invalid(key + ": each a contact id (1 to 128 letters, digits, '_', '.', ':' or '-')");
            }
            out.add(s);
        }
        return new ArrayList<>(out);
    }
}
