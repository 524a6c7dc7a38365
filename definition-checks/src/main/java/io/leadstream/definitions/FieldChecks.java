package io.leadstream.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a field's schema cannot say: options exactly for select and multiselect, a default in the
 * type's stored form, a name that is not one of the tracker's own parameters, a unique flag that
 * tells the truth (identity follows {@code engine.identifier-fields}), a company field that is
 * neither set by visitors nor an identifier, a standard field that stays of its object, and no
 * segment, campaign or form left comparing or setting the field in a way its new type or object does
 * not allow.
 */
final class FieldChecks {
    private FieldChecks() {}

    static List<Problem> check(String id, JsonNode doc, DefinitionCatalog catalog, java.util.Set<String> identifierFields) {
        List<Problem> problems = new ArrayList<>();
        FieldDefinition field = FieldDefinition.of(doc);
        boolean choice = field.type() == FieldType.SELECT || field.type() == FieldType.MULTISELECT;
        if (choice && !doc.has("options")) {
            problems.add(new Problem("/options", "a " + field.type().id() + " field needs its options"));
        } else if (!choice && doc.has("options")) {
            problems.add(new Problem("/options", "only select and multiselect fields have options"));
        }
        JsonNode standard = StandardFields.all().get(id);
        if (standard != null && FieldDefinition.isCompany(standard) != field.company()) {
            problems.add(new Problem("/object", "\"" + id + "\" is a standard " + (field.company() ? "contact" : "company")
                    + " field: defining it again may change its type, not its object"));
        } else if (field.company() && identifierFields.contains(id)) {
            problems.add(new Problem("/object", "\"" + id + "\" is a unique identifier of contacts (engine.identifier-fields): it stays a contact field"));
        }
        if (field.company()) {
            companyField(problems, doc);
        } else if (doc.has("unique") && doc.get("unique").asBoolean() != identifierFields.contains(id)) {
            problems.add(new Problem("/unique", "the unique identifiers are the engine's engine.identifier-fields (now: "
                    + String.join(", ", new java.util.TreeSet<>(identifierFields)) + "): " + id + " is " + (identifierFields.contains(id) ? "" : "not ")
                    + "one; change that setting to change it"));
        }
        if (!field.company() && TrackerParameterNames.isTrackerParameter(id) && !StandardFields.isStandard(id)) { // hits set no company field
            problems.add(new Problem("/id", "\"" + id + "\" is a tracker parameter, never a contact field"));
        }
        if (field.defaultValue() != null && problems.isEmpty()) {
            FieldValues.Coerced stored = field.coerce(field.defaultValue());
            if (!stored.accepted()) {
                problems.add(new Problem("/default", "not a value of this field: " + stored.reason()));
            } else if (!stored.value().equals(field.defaultValue())) {
                problems.add(new Problem("/default", "this field keeps \"" + field.defaultValue() + "\" as \"" + stored.value() + "\": write that"));
            }
        }
        if (problems.isEmpty()) {
            DefinitionCatalog changed = StandardFields.under(catalog).with(StandardFields.KIND, id, doc);
            Map<String, FieldDefinition> fields = StandardFields.definitions(changed);
            for (String kind : List.of("segments", "campaigns", "forms")) {
                catalog.all(kind).forEach((other, otherDoc) -> {
                    if (FieldUseChecks.uses(otherDoc, id)) {
                        FieldUseChecks.check(kind, otherDoc, fields).forEach(p -> problems.add( // a use of the wrong object is reported at /field
                                new Problem(p.pointer().endsWith("/field") ? "/object" : "/type", kind + "/" + other + " " + p.pointer() + ": " + p.reason())));
                    }
                });
            }
        }
        return problems;
    }

    /** A company field is the company API's to set and identifies no contact. */
    private static void companyField(List<Problem> problems, JsonNode doc) {
        if (doc.path("publiclyUpdatable").asBoolean(false)) {
            problems.add(new Problem("/publiclyUpdatable", "hits and forms set contact fields only: a company field is set through the company API"));
        }
        if (doc.path("unique").asBoolean(false)) {
            problems.add(new Problem("/unique", "a company field identifies no contact: only contact fields can be unique identifiers"));
        }
    }
}
