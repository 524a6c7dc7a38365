package io.leadstream.email;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadstream.common.content.ContentRules;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An email as defined through {@code /api/v1/emails/{id}}: what a send worker renders. Bodies are
 * templates with tokens ({@link TemplateTokens}). {@code type} decides the sending rules upstream:
 * marketing emails go once per contact and respect do-not-contact, transactional ones may repeat.
 * {@code transport} (optional) names the send workers' SMTP transport it goes over. An email may be an
 * A/B variant of another ({@code variantOf}, with a {@code weight}), or a translation
 * ({@code translationOf}, in {@code language}); {@code abTest} is variant A's test, and
 * {@code dynamicContent} its blocks (null: none).
 */
public record EmailDefinition(String id, String name, String subject, String html, String text,
                              String from, String fromName, String type, String transport, String variantOf, Integer weight, JsonNode abTest,
                              String translationOf, String language, JsonNode dynamicContent) {
    public static final String MARKETING = "marketing";
    public static final String TRANSACTIONAL = "transactional";

    // Unknown properties are ignored: the definition API may grow fields that rendering does not use.
    private static final ObjectMapper MAPPER = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public EmailDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(from, "from");
        if (!MARKETING.equals(type) && !TRANSACTIONAL.equals(type)) {
            throw new IllegalArgumentException("type must be marketing or transactional, not " + type);
        }
    }

    /** An email on its own: no transport named, no variants, translations or blocks. */
    public EmailDefinition(String id, String name, String subject, String html, String text, String from, String fromName, String type) {
        this(id, name, subject, html, text, from, fromName, type, null, null, null, null, null, null, null);
    }

    /** The definition document as stored; IllegalArgumentException when it is not a complete email. */
    public static EmailDefinition fromJson(String json) {
        try {
            return MAPPER.readValue(json, EmailDefinition.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("Not a valid email definition: " + e.getMessage(), e);
        }
    }

    public boolean isMarketing() {
        return MARKETING.equals(type);
    }

    /** The share of its A/B test's sends (1 when not said). */
    public int weightOrDefault() {
        return weight == null ? 1 : weight;
    }

    /** Each block's content for a contact (by its filters), by block name. */
    public Map<String, String> blocks(ContentRules.Contact contact) {
        Map<String, String> out = new LinkedHashMap<>();
        if (dynamicContent != null) {
            dynamicContent.forEach(b -> out.put(b.path("name").asText(), ContentRules.pick(b, contact)));
        }
        return out;
    }

    /** Whether the bodies choose content by contact: a send must then know its segments, tags and points. */
    public boolean hasBlocks() {
        return dynamicContent != null && !dynamicContent.isEmpty();
    }
}
