package io.leadstream.gateway.mautic;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Mautic's segment filters ({@code {glue, field, object: "lead", type, operator, properties: {filter}}})
 * as ours: a contact field compared, or points. Anything else is refused with what it was, rather
 * than stored as a segment that would not mean what its author meant.
 */
final class SegmentFilters {
    static final class Unsupported extends Exception {
        Unsupported(String message) {
            super(message);
        }
    }

    private static final Map<String, String> OPERATORS = Map.ofEntries(
            Map.entry("=", "eq"), Map.entry("!=", "neq"), Map.entry("gt", "gt"), Map.entry("gte", "gte"), Map.entry("lt", "lt"),
            Map.entry("lte", "lte"), Map.entry("empty", "empty"), Map.entry("!empty", "not_empty"), Map.entry("like", "like"),
            Map.entry("!like", "not_like"), Map.entry("startsWith", "starts_with"), Map.entry("endsWith", "ends_with"),
            Map.entry("contains", "contains"), Map.entry("regexp", "regexp"), Map.entry("!regexp", "not_regexp"));
    private static final List<String> NO_VALUE = List.of("empty", "not_empty");

    private SegmentFilters() {}

    static JsonArray toOurs(JsonArray mautic) throws Unsupported {
        JsonArray out = new JsonArray();
        for (int i = 0; i < mautic.size(); i++) {
            if (!(mautic.getValue(i) instanceof JsonObject f)) {
                throw new Unsupported("filters[" + i + "]: an object is expected");
            }
            String object = f.getString("object", "lead");
            String field = f.getString("field");
            String operator = OPERATORS.get(f.getString("operator", ""));
            if (!"lead".equals(object) || field == null || operator == null) {
                throw new Unsupported("filters[" + i + "]: only contact (lead) fields and points with the operators " + OPERATORS.keySet()
                        + " are taken here; define other segments with /api/v1/segments");
            }
            Object value = f.getJsonObject("properties", new JsonObject()).getValue("filter", f.getValue("filter"));
            JsonObject ours = field.equals("points")
                    ? new JsonObject().put("kind", "points").put("operator", operator).put("value", number(value, i))
                    : new JsonObject().put("kind", "field").put("field", field.toLowerCase(Locale.ROOT)).put("operator", operator);
            if (!field.equals("points") && !NO_VALUE.contains(operator)) {
                ours.put("value", value == null ? "" : String.valueOf(value));
            }
            if ("or".equals(f.getString("glue"))) {
                ours.put("glue", "or");
            }
            out.add(ours);
        }
        return out;
    }

    private static long number(Object value, int i) throws Unsupported {
        try {
            return Long.parseLong(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            throw new Unsupported("filters[" + i + "]: points compare with a whole number");
        }
    }

    /** A definition id from a name, as Mautic makes an alias: lower case, other characters as dashes. */
    static String alias(String name) {
        String a = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "-").replaceAll("^-+|-+$", "");
        return a.isEmpty() ? "segment" : a.substring(0, Math.min(56, a.length()));
    }
}
