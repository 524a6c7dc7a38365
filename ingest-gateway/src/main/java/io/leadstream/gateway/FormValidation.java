package io.leadstream.gateway;

import io.leadstream.common.email.EmailAddresses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks a submission against its form definition: required fields, formats, lengths, honeypot. */
final class FormValidation {

    /** The outcome: cleaned values (only defined fields), problems, and whether a bot filled the honeypot. */
    record Result(Map<String, String> values, Map<String, String> errors, boolean spam) {
        /** Each problem as {@code alias: what is wrong}. */
        List<String> problems() {
            List<String> out = new ArrayList<>();
            errors.forEach((alias, why) -> out.add(alias + ": " + why));
            return out;
        }
    }

    private FormValidation() {}

    static Result check(JsonObject definition, Map<String, String> submitted) {
        Map<String, String> problems = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        String honeypot = definition.getString("honeypot");
        if (honeypot != null && !submitted.getOrDefault(honeypot, "").isBlank()) {
            return new Result(Map.of(), Map.of(), true);
        }
        JsonArray fields = definition.getJsonArray("fields", new JsonArray());
        for (int i = 0; i < fields.size(); i++) {
            JsonObject field = fields.getJsonObject(i);
            String alias = field.getString("alias");
            String value = submitted.getOrDefault(alias, "").strip();
            if (value.isEmpty()) {
                if (field.getBoolean("required", false)) {
                    problems.put(alias, "required");
                }
                continue;
            }
            int max = field.getInteger("maxLength", 255);
            if (value.length() > max) {
                problems.put(alias, "longer than " + max + " characters");
            } else if ("email".equals(field.getString("type")) && !EmailAddresses.looksValid(value)) {
                problems.put(alias, "not a valid email address");
            } else if ("number".equals(field.getString("type")) && !value.matches("-?\\d+(\\.\\d+)?")) {
                problems.put(alias, "not a number");
            } else if ("select".equals(field.getString("type")) && !options(field).contains(value)) {
                problems.put(alias, "not one of the options");
            }
            values.put(alias, value);
        }
        return new Result(values, problems, false);
    }

    static List<String> options(JsonObject field) {
        List<String> out = new ArrayList<>();
        field.getJsonArray("options", new JsonArray()).forEach(o -> out.add(((JsonObject) o).getString("value")));
        return out;
    }

    /**
     * Submitted values by the contact field each sets: a field's {@code contactField}, else its alias
     * (Mautic's default); none for {@code "contactField": null}. {@code definition} null: by alias.
     */
    static Map<String, String> contactFields(JsonObject definition, Map<String, String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, JsonObject> byAlias = new LinkedHashMap<>();
        if (definition != null) {
            definition.getJsonArray("fields", new JsonArray()).forEach(f -> byAlias.put(((JsonObject) f).getString("alias"), (JsonObject) f));
        }
        values.forEach((alias, value) -> {
            JsonObject field = byAlias.get(alias);
            boolean mapped = field != null && field.containsKey("contactField");
            String target = mapped ? field.getString("contactField") : alias;
            if (target != null && !value.isEmpty()) {
                out.put(target, value);
            }
        });
        return out;
    }
}
