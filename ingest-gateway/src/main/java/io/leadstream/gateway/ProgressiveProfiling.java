package io.leadstream.gateway;

import io.leadstream.common.ids.IdentityIds;
import io.leadstream.gateway.contacts.ContactStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of a form's fields a visitor sees, given what the visitor's contact already has (Mautic's
 * progressive profiling): a field with {@code "showWhenValueExists": false} is left out when the
 * contact field it sets has a value, and a form's {@code progressiveLimit} caps how many fields that
 * take a value are shown to a known contact. The same answer serves the form's markup and the check
 * of what it posts, so a required field the visitor was not shown is not asked for.
 */
final class ProgressiveProfiling {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressiveProfiling.class);

    private ProgressiveProfiling() {}

    /** Whether the form's markup depends on who looks at it. */
    static boolean personal(JsonObject form) {
        if (form.containsKey("progressiveLimit")) {
            return true;
        }
        for (Object f : form.getJsonArray("fields", new JsonArray())) {
            JsonObject field = (JsonObject) f;
            if (!field.getBoolean("showWhenValueExists", true) || field.getBoolean("autofill", false)) {
                return true;
            }
        }
        return false;
    }

    /** The fields shown to a contact with {@code known} field values (empty for a stranger), in order. */
    static List<JsonObject> shown(JsonObject form, Map<String, String> known) {
        List<JsonObject> out = new ArrayList<>();
        int limit = known.isEmpty() ? Integer.MAX_VALUE : form.getInteger("progressiveLimit", Integer.MAX_VALUE);
        int valued = 0;
        for (Object f : form.getJsonArray("fields", new JsonArray())) {
            JsonObject field = (JsonObject) f;
            String type = field.getString("type", "text");
            // Texts, hidden fields and the CAPTCHA are always there, and not counted against the limit.
            boolean takesValue = !FormValidation.SHOWN_ONLY.contains(type) && !type.equals("hidden") && !type.equals(FormValidation.CAPTCHA);
            if (takesValue && !field.getBoolean("showWhenValueExists", true) && !value(field, known).isEmpty()) {
                continue;
            }
            if (takesValue && valued++ >= limit) {
                continue;
            }
            out.add(field);
        }
        return out;
    }

    /**
     * What the visitor's contact has in its fields, when the form depends on it: an empty map for a
     * stranger, a form that does not, no contacts store, or a store that cannot answer now (the form
     * is then shown whole, as to a stranger).
     */
    static Future<Map<String, String>> known(JsonObject form, ContactStore contacts, String deviceId) {
        return personal(form) ? fieldsOf(contacts, deviceId, "Form " + form.getString("id")) : Future.succeededFuture(Map.of());
    }

    /**
     * The fields of the device's contact (merges followed): none for a stranger, without a contacts
     * store, or while it cannot answer ({@code what} is shown as a stranger, and the log says so).
     */
    static Future<Map<String, String>> fieldsOf(ContactStore contacts, String deviceId, String what) {
        if (contacts == null || deviceId == null) {
            return Future.succeededFuture(Map.of());
        }
        return Future.fromCompletionStage(contacts.profile(IdentityIds.anon(deviceId)))
                .map(p -> p.map(ContactStore.Profile::fields).orElse(Map.<String, String>of()))
                .recover(e -> {
                    LOG.warn("{}: the visitor's contact cannot be read now ({}); shown as to a stranger", what, e.toString());
                    return Future.succeededFuture(Map.of());
                });
    }

    /** The known value of the contact field {@code field} sets ("" when none, or when it sets none). */
    static String value(JsonObject field, Map<String, String> known) {
        String target = target(field);
        String value = target == null ? null : known.get(target);
        return value == null ? "" : value;
    }

    /** The contact field a form field sets: its contactField, else its alias (Mautic's default); null for none. */
    static String target(JsonObject field) {
        String type = field.getString("type");
        if (FormValidation.CAPTCHA.equals(type) || FormFiles.TYPE.equals(type)) {
            return null; // an answer to a question, a file: nobody's field
        }
        return field.containsKey("contactField") ? field.getString("contactField") : field.getString("alias");
    }

    /**
     * The form as its posts from this contact are checked: a field it was not shown is not required
     * (its value, if a stale page posts one, is still taken).
     */
    static JsonObject asAsked(JsonObject form, Map<String, String> known) {
        if (known.isEmpty()) {
            return form; // a stranger is asked every field: no copy per submission
        }
        List<JsonObject> shown = shown(form, known);
        JsonArray fields = new JsonArray();
        for (Object f : form.getJsonArray("fields", new JsonArray())) {
            JsonObject field = (JsonObject) f;
            fields.add(shown.contains(field) ? field : field.copy().put("required", false));
        }
        return form.copy().put("fields", fields);
    }
}
