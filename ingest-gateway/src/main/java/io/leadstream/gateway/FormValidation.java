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
    record Result(Map<String, String> values, List<String> problems, boolean spam) {}

    private FormValidation() {}

    static Result check(JsonObject definition, Map<String, String> submitted) {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        String honeypot = definition.getString("honeypot");
        if (honeypot != null && !submitted.getOrDefault(honeypot, "").isBlank()) {
            return new Result(Map.of(), List.of(), true);
        }
        JsonArray fields = definition.getJsonArray("fields", new JsonArray());
        for (int i = 0; i < fields.size(); i++) {
            JsonObject field = fields.getJsonObject(i);
            String alias = field.getString("alias");
            String value = submitted.getOrDefault(alias, "").strip();
            if (value.isEmpty()) {
                if (field.getBoolean("required", false)) {
                    problems.add(alias + ": required");
                }
                continue;
            }
            int max = field.getInteger("maxLength", 255);
            if (value.length() > max) {
                problems.add(alias + ": longer than " + max + " characters");
            } else if ("email".equals(field.getString("type")) && !EmailAddresses.looksValid(value)) {
                problems.add(alias + ": not a valid email address");
            } else if ("number".equals(field.getString("type")) && !value.matches("-?\\d+(\\.\\d+)?")) {
                problems.add(alias + ": not a number");
            }
            values.put(alias, value);
        }
        return new Result(values, problems, false);
    }
}
