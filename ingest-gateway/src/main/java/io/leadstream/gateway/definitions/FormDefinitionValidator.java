package io.leadstream.gateway.definitions;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A form: {@code {"name": "...", "fields": [{"alias": "email", "type": "email", "required": true,
 * "maxLength": 200}], "honeypot": "website", "redirectUrl": "https://..."}}.
 */
public final class FormDefinitionValidator implements DefinitionValidator {
    static final Set<String> TYPES = Set.of("text", "email", "tel", "number", "url", "textarea", "select", "checkbox", "hidden", "date");

    @Override
    public List<String> validate(String id, JsonObject doc) {
        List<String> problems = new ArrayList<>();
        Object fields = doc.getValue("fields");
        if (!(fields instanceof JsonArray array) || array.isEmpty()) {
            problems.add("fields: a non-empty array is required");
        } else {
            Set<String> aliases = new HashSet<>();
            for (int i = 0; i < array.size(); i++) {
                Object f = array.getValue(i);
                if (!(f instanceof JsonObject field)) {
                    problems.add("fields[" + i + "]: must be an object");
                    continue;
                }
                Object alias = field.getValue("alias");
                if (!(alias instanceof String a) || !a.matches("[a-z][a-z0-9_]{0,63}")) {
                    problems.add("fields[" + i + "].alias: lower-case letters, digits and _ (max 64), starting with a letter");
                } else if (!aliases.add(a)) {
                    problems.add("fields[" + i + "].alias: duplicate '" + a + "'");
                }
                Object type = field.getValue("type", "text");
                if (!(type instanceof String t) || !TYPES.contains(t)) {
                    problems.add("fields[" + i + "].type: one of " + new java.util.TreeSet<>(TYPES));
                }
                Object required = field.getValue("required", false);
                if (!(required instanceof Boolean)) {
                    problems.add("fields[" + i + "].required: true or false");
                }
                Object max = field.getValue("maxLength", 255);
                if (!(max instanceof Integer m) || m < 1 || m > 65535) {
                    problems.add("fields[" + i + "].maxLength: an integer from 1 to 65535");
                }
            }
        }
        Object honeypot = doc.getValue("honeypot");
        if (honeypot != null && !(honeypot instanceof String h && h.matches("[a-z][a-z0-9_]{0,63}"))) {
            problems.add("honeypot: a field alias");
        }
        Object redirect = doc.getValue("redirectUrl");
        if (redirect != null && !(redirect instanceof String r && (r.startsWith("https://") || r.startsWith("http://") || r.startsWith("/")))) {
            problems.add("redirectUrl: an http(s) URL or a local path");
        }
        return problems;
    }
}
