package io.leadstream.gateway.contacts;

import io.leadstream.schemas.contact.ContactActionEvents;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import io.vertx.core.buffer.Buffer;
import io.leadstream.gateway.JsonBodies;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Tags to add to and remove from a contact, as {@code POST /api/v1/contacts/{id}/tags} takes them
 * ({@code {"add": [...], "remove": [...]}}), checked, and the tags event that carries them to the
 * engine. Each list keeps its tags stripped, once each, in the order given.
 */
record TagChanges(List<String> add, List<String> remove) {
    static final int MAX_TAGS = 100;
    static final int MAX_LENGTH = 64;
    /** The event's non-trackable reason: someone tagging a contact is not the contact being active. */
    static final String REASON = "api: tags";
    private static final String SHAPE = "body must be a JSON object {\"add\": [tags], \"remove\": [tags]}";

    /** A body that is not a valid tags request; the message is the 400's reason. */
    static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Invalid(String reason) {
            super(reason);
        }
    }

    static TagChanges parse(Buffer body) {
        JsonObject request;
        try {
            request = JsonBodies.object(body);
        } catch (JsonBodies.Refused e) {
            throw new Invalid(e.getMessage() + "; " + SHAPE);
        }
        for (String key : request.fieldNames()) {
            if (!key.equals("add") && !key.equals("remove")) {
                throw new Invalid("unknown key '" + key + "'; " + SHAPE);
            }
        }
        JsonArray add = array(request, "add");
        JsonArray remove = array(request, "remove");
        if (add.size() + remove.size() > MAX_TAGS) {
            throw new Invalid("at most " + MAX_TAGS + " tags per request");
        }
        if (add.isEmpty() && remove.isEmpty()) {
            throw new Invalid("give at least one tag to add or remove");
        }
        Set<String> added = tags(add, "add");
        Set<String> removed = tags(remove, "remove");
        for (String tag : added) {
            if (removed.contains(tag)) {
                throw new Invalid("tag '" + tag + "' is both in add and in remove");
            }
        }
        return new TagChanges(List.copyOf(added), List.copyOf(removed));
    }

    private static JsonArray array(JsonObject request, String key) {
        Object value = request.getValue(key);
        if (value == null) {
            return new JsonArray();
        }
        if (!(value instanceof JsonArray array)) {
            throw new Invalid(key + ": an array of tags (strings)");
        }
        return array;
    }

    private static Set<String> tags(JsonArray given, String key) {
        Set<String> tags = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String at = key + "[" + i + "]";
            if (!(given.getValue(i) instanceof String raw)) {
                throw new Invalid(at + ": a tag is a string");
            }
            String tag = raw.strip();
            int length = tag.codePointCount(0, tag.length());
            if (length < 1 || length > MAX_LENGTH) {
                throw new Invalid(at + ": a tag has 1 to " + MAX_LENGTH + " characters (without surrounding spaces)");
            }
            if (tag.indexOf(',') >= 0) {
                throw new Invalid(at + ": a tag has no comma (the engine gets tags comma-separated)");
            }
            if (tag.chars().anyMatch(Character::isISOControl)) {
                throw new Invalid(at + ": a tag has no control characters");
            }
            tags.add(tag);
        }
        return tags;
    }

    /**
     * The tags event of {@code contactId} (the root: the engine's profile is the root's), as the engine's
     * own tags action looks but from the API, stamped now, with a fresh id; an empty list is left out.
     */
    TrackingEvent event(String contactId) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (!add.isEmpty()) {
            properties.put(ContactActionEvents.TAGS_ADD, String.join(",", add));
        }
        if (!remove.isEmpty()) {
            properties.put(ContactActionEvents.TAGS_REMOVE, String.join(",", remove));
        }
        TrackingEvent action = ContactActionEvents.of(UUID.randomUUID().toString(), contactId, System.currentTimeMillis(),
                ContactActionEvents.TAGS, properties, Map.of(), REASON);
        action.setSource(Source.API); // set on the new record: a builder copy would deep-copy it through Avro's class checks
        return action;
    }
}
