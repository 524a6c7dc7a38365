package io.leadstream.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where a segment filter or a campaign condition reads a contact field, a company_field filter or
 * condition a company field, or a campaign or form action sets a contact field: the field is of the
 * object the place reads (a contact filter, condition or update never names a company field, a
 * company_field filter never a contact field), the operator means something for the field's type, and
 * a value compared as a stored value is one (a boolean is 1 or 0, a country its English name, a select
 * one of its options). A field that does not exist is reported with the other missing references.
 */
final class FieldUseChecks {
    private static final Pattern RELATIVE_DATE = Pattern.compile(
            "now|today|yesterday|tomorrow|(this|last|next) (week|month|year)|[+-]\\d{1,5} (minute|hour|day|week|month|year)s?");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(T.*)?");

    private FieldUseChecks() {}

    /** The problems of {@code doc}'s field uses, against {@code fields} (standard ones included). */
    static List<Problem> check(String kind, JsonNode doc, Map<String, FieldDefinition> fields) {
        List<Problem> problems = new ArrayList<>();
        Map<String, JsonNode> items = new LinkedHashMap<>();
        switch (kind) {
            case "segments" -> SegmentFilterTree.leaves(doc).forEach(leaf -> items.put(leaf.pointer(), leaf.filter()));
            case "campaigns" -> {
                JsonNode events = doc.path("events");
                for (int i = 0; i < events.size(); i++) {
                    items.put("/events/" + i, events.get(i));
                }
            }
            case "forms" -> {
                JsonNode actions = doc.path("actions");
                for (int i = 0; i < actions.size(); i++) {
                    items.put("/actions/" + i, actions.get(i));
                }
            }
            default -> { }
        }
        items.forEach((at, item) -> {
            String use = item.path("kind").asText(item.path("type").asText());
            String alias = item.path("field").asText();
            FieldDefinition field = fields.get(alias);
            if (field == null || !List.of("field", "company_field", "update_field").contains(use) || !ofItsObject(problems, at, use, field)) {
                return;
            }
            if (use.equals("update_field")) {
                set(problems, at, field, item.path("value").asText());
            } else {
                test(problems, at, field, item.path("operator").asText(), item.path("value"));
            }
        });
        return problems;
    }

    /** Whether {@code field} is of the object {@code use} reads or sets; if not, the problem is added. */
    private static boolean ofItsObject(List<Problem> problems, String at, String use, FieldDefinition field) {
        boolean readsCompanies = use.equals("company_field");
        if (field.company() == readsCompanies) {
            return true;
        }
        boolean filter = at.startsWith("/filters");
        String what = filter ? "filter" : "condition";
        String how = filter ? "filter on" : "test";
        String why = switch (use) {
            case "company_field" -> "a company_field " + what + " reads the contact's companies: " + how + " a contact field with kind field";
            case "update_field" -> "update_field sets a field of the contact; a company's fields are set through the company API";
            default -> "a field " + what + " reads the contact's own fields: " + how + " a company field with kind company_field";
        };
        problems.add(new Problem(at + "/field", field.alias() + " is a " + field.object() + " field: " + why));
        return false;
    }

    /** Whether {@code doc} reads or sets field {@code alias}. */
    static boolean uses(JsonNode doc, String alias) {
        return References.in(StandardFields.KIND, doc).stream().anyMatch(r -> r.kind().equals(StandardFields.KIND) && r.id().equals(alias));
    }

    private static void test(List<Problem> problems, String at, FieldDefinition field, String operator, JsonNode value) {
        FieldType type = field.type();
        if (!type.allows(operator)) {
            String allowed = List.of("eq", "neq", "gt", "gte", "lt", "lte", "between", "in", "not_in", "empty", "not_empty", "like",
                    "not_like", "regexp", "not_regexp", "starts_with", "ends_with", "contains").stream().filter(type::allows).collect(Collectors.joining(", "));
            problems.add(new Problem(at + "/operator", "a " + type.id() + " field (" + field.alias() + ") has no operator "
                    + operator + "; it has " + allowed));
            return;
        }
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                compared(problems, at + "/value/" + i, field, operator, value.get(i));
            }
        } else if (!value.isMissingNode()) {
            compared(problems, at + "/value", field, operator, value);
        }
    }

    private static void compared(List<Problem> problems, String at, FieldDefinition field, String operator, JsonNode value) {
        String text = value.asText();
        FieldType type = field.type();
        if (type == FieldType.DATE || type == FieldType.DATETIME) {
            if (!RELATIVE_DATE.matcher(text).matches() && !ISO_DATE.matcher(text).matches()) {
                problems.add(new Problem(at, "a " + type.id() + " field compares with a date: ISO (2026-12-04) or relative (today, -30 days)"));
            }
            return;
        }
        if (!type.comparesValues(operator)) {
            return;
        }
        FieldValues.Coerced stored = field.coerce(text);
        if (!stored.accepted()) {
            problems.add(new Problem(at, "\"" + text + "\" can never be the value of " + field.alias() + ": " + stored.reason()));
        } else if (type != FieldType.NUMBER && !stored.value().equals(text)) {
            problems.add(new Problem(at, field.alias() + " keeps \"" + text + "\" as \"" + stored.value() + "\": compare with that"));
        }
    }

    private static void set(List<Problem> problems, String at, FieldDefinition field, String value) {
        if (value.isEmpty()) {
            return; // clears the field
        }
        FieldValues.Coerced stored = field.coerce(value);
        if (!stored.accepted()) {
            problems.add(new Problem(at + "/value", "not a value of " + field.alias() + " (" + field.type().id() + "): " + stored.reason()));
        }
    }
}
