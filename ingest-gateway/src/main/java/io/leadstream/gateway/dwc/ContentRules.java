package io.leadstream.gateway.dwc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Picks a dynamic-content definition's content for a contact: the first variant whose filters all match, else the default. */
public final class ContentRules {
    /** What the filters read of a contact. */
    public record Contact(Map<String, String> fields, Set<String> segments, Set<String> tags, int points) {
        public static final Contact UNKNOWN = new Contact(Map.of(), Set.of(), Set.of(), 0);
    }

    private ContentRules() {}

    public static String pick(JsonObject definition, Contact contact) {
        JsonArray variants = definition.getJsonArray("variants", new JsonArray());
        for (int i = 0; i < variants.size(); i++) {
            JsonObject variant = variants.getJsonObject(i);
            if (variant.getJsonArray("filters", new JsonArray()).stream().allMatch(f -> matches((JsonObject) f, contact))) {
                return variant.getString("content");
            }
        }
        return definition.getString("default", "");
    }

    static boolean matches(JsonObject filter, Contact c) {
        return switch (filter.getString("kind", "")) {
            case "field" -> field(filter.getString("operator", "eq"), c.fields().get(filter.getString("field")), filter.getValue("value"));
            case "segment" -> c.segments().contains(filter.getString("segment")) == !"not_member".equals(filter.getString("operator"));
            case "tags" -> {
                boolean any = filter.getJsonArray("tags", new JsonArray()).stream().anyMatch(t -> c.tags().contains(String.valueOf(t)));
                yield "none".equals(filter.getString("operator")) ? !any : any;
            }
            case "points" -> compare(filter.getString("operator", "eq"), Integer.compare(c.points(), filter.getInteger("value", 0)));
            default -> false;
        };
    }

    private static boolean field(String operator, String actual, Object expected) {
        boolean blank = actual == null || actual.isBlank();
        if (operator.equals("empty")) {
            return blank;
        }
        if (operator.equals("not_empty")) {
            return !blank;
        }
        String want = expected == null ? "" : String.valueOf(expected);
        if (operator.equals("neq")) {
            return blank || !actual.strip().equalsIgnoreCase(want);
        }
        if (blank) {
            return false;
        }
        String have = actual.strip();
        return switch (operator) {
            case "eq" -> have.equalsIgnoreCase(want);
            case "contains" -> have.toLowerCase(Locale.ROOT).contains(want.toLowerCase(Locale.ROOT));
            case "starts_with" -> have.toLowerCase(Locale.ROOT).startsWith(want.toLowerCase(Locale.ROOT));
            case "gt", "gte", "lt", "lte" -> {
                try {
                    yield compare(operator, Double.compare(Double.parseDouble(have), Double.parseDouble(want)));
                } catch (NumberFormatException e) {
                    yield false;
                }
            }
            default -> false;
        };
    }

    private static boolean compare(String operator, int cmp) {
        return switch (operator) {
            case "eq" -> cmp == 0;
            case "neq" -> cmp != 0;
            case "gt" -> cmp > 0;
            case "gte" -> cmp >= 0;
            case "lt" -> cmp < 0;
            case "lte" -> cmp <= 0;
            default -> false;
        };
    }
}
