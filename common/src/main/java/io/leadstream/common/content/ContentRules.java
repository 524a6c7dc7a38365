package io.leadstream.common.content;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Picks dynamic content for a contact: of a definition with {@code default} and {@code variants} (each
 * {@code filters} and {@code content}), the first variant whose filters all match, else the default. The
 * gateway's web slots and the emails' blocks have that shape, and filter on a contact's fields, segments,
 * tags and points.
 */
public final class ContentRules {
    /** What the filters read of a contact. */
    public record Contact(Map<String, String> fields, Set<String> segments, Set<String> tags, int points) {
        public static final Contact UNKNOWN = new Contact(Map.of(), Set.of(), Set.of(), 0);
    }

    private ContentRules() {}

    public static String pick(JsonNode definition, Contact contact) {
        for (JsonNode variant : definition.path("variants")) {
            if (allMatch(variant.path("filters"), contact)) {
                return variant.path("content").asText("");
            }
        }
        return definition.path("default").asText("");
    }

    private static boolean allMatch(JsonNode filters, Contact contact) {
        for (JsonNode f : filters) {
            if (!matches(f, contact)) {
                return false;
            }
        }
        return true;
    }

    static boolean matches(JsonNode filter, Contact c) {
        return switch (filter.path("kind").asText("")) {
            case "field" -> field(filter.path("operator").asText("eq"), c.fields().get(filter.path("field").asText()), filter.get("value"));
            case "segment" -> c.segments().contains(filter.path("segment").asText()) == !"not_member".equals(filter.path("operator").asText());
            case "tags" -> {
                boolean any = false;
                for (JsonNode t : filter.path("tags")) {
                    any |= c.tags().contains(t.asText());
                }
                yield "none".equals(filter.path("operator").asText()) ? !any : any;
            }
            case "points" -> compare(filter.path("operator").asText("eq"), Integer.compare(c.points(), filter.path("value").asInt(0)));
            default -> false;
        };
    }

    private static boolean field(String operator, String actual, JsonNode expected) {
        boolean blank = actual == null || actual.isBlank();
        if (operator.equals("empty")) {
            return blank;
        }
        if (operator.equals("not_empty")) {
            return !blank;
        }
        String want = expected == null || expected.isNull() ? "" : expected.asText();
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
