package io.leadstream.jobs.contact;

import io.leadstream.jobs.definitions.DefinitionJson;
import io.leadstream.jobs.definitions.DefinitionsBroadcast;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The default values of contact fields (definitions of kind fields, checked by the gateway to be in
 * their type's stored form): a new contact starts with them, as in Mautic. They carry time 0, so
 * any value the contact is given, before or after, is newer and wins, also across a merge.
 */
record FieldDefaults(Map<String, String> byField) {
    static final String KIND = "fields";

    record Field(String id, @com.fasterxml.jackson.annotation.JsonProperty("default") String defaultValue, String object) {}

    static FieldDefaults from(Iterable<Map.Entry<String, String>> definitions) {
        Map<String, String> out = new LinkedHashMap<>();
        DefinitionsBroadcast.compile(definitions, KIND, json -> DefinitionJson.read(json, Field.class)).forEach(f -> {
            if (f.defaultValue() != null && !f.defaultValue().isBlank() && !"company".equals(f.object())) { // a company's, not a contact's
                out.put(f.id(), f.defaultValue());
            }
        });
        return new FieldDefaults(Map.copyOf(out));
    }
}
