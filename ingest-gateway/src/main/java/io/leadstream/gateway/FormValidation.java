package io.leadstream.gateway;

import io.leadstream.common.email.EmailAddresses;
import io.leadstream.definitions.FieldValues;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a submission against its form definition: required fields, formats, options, lengths, honeypot, CAPTCHA. */
final class FormValidation {
    /** Types whose value is chosen among the form's options: their length is the options'. */
    private static final Set<String> CHOICES = Set.of("select", "multiselect", "checkboxgrp", "radiogrp", "country");
    /** A question only people answer; checked, never stored. */
    static final String CAPTCHA = "captcha";
    /** Types shown in the form that take no value. */
    static final Set<String> SHOWN_ONLY = Set.of("freetext", "freehtml", FormPages.PAGEBREAK);

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
            if (CAPTCHA.equals(field.getString("type"))) { // always asked, never kept
                if (!value.equalsIgnoreCase(field.getString("answer", "").strip())) {
                    problems.put(alias, value.isEmpty() ? "required" : "not the right answer");
                }
                continue;
            }
            if (value.isEmpty()) {
                if (field.getBoolean("required", false)) {
                    problems.put(alias, "required");
                }
                continue;
            }
            String type = field.getString("type", "text");
            if (SHOWN_ONLY.contains(type)) {
                continue; // text shown in the form, not a value anybody posts
            }
            if ("country".equals(type)) {
                value = FieldValues.country(value).orElse(value);
            }
            String problem = problem(field, type, value);
            if (problem != null) {
                problems.put(alias, problem);
            }
            values.put(alias, value);
        }
        return new Result(values, problems, false);
    }

    /** What is wrong with a non-empty value of the field, or null. */
    private static String problem(JsonObject field, String type, String value) {
        int max = field.getInteger("maxLength", 255);
        if (!CHOICES.contains(type) && value.length() > max) {
            return "longer than " + max + " characters";
        }
        return switch (type) {
            case "email" -> EmailAddresses.looksValid(value) ? null : "not a valid email address";
            case "number" -> value.matches("-?\\d+(\\.\\d+)?") ? null : "not a number";
            case "date" -> parses(value, DateTimeFormatter.ISO_LOCAL_DATE) ? null : "not a date (YYYY-MM-DD)";
            case "datetime" -> parses(value, DateTimeFormatter.ISO_LOCAL_DATE_TIME) ? null : "not a date and time (YYYY-MM-DDTHH:MM)";
            case "select", "radiogrp" -> options(field).contains(value) ? null : "not one of the options";
            case "multiselect", "checkboxgrp" -> options(field).containsAll(List.of(value.split("\\|", -1))) ? null : "not among the options";
            case "country" -> FieldValues.country(value).isPresent() ? null : "not a country";
            default -> null;
        };
    }

    private static boolean parses(String value, DateTimeFormatter format) {
        try {
            format.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
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
            String target = field == null ? alias : ProgressiveProfiling.target(field);
            if (target != null && !value.isEmpty()) {
                out.put(target, value);
            }
        });
        return out;
    }
}
