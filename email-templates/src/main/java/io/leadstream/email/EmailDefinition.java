package io.leadstream.email;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;

/**
 * An email as defined through {@code /api/v1/emails/{id}}: what a send worker renders. Bodies are
 * templates with tokens ({@link TemplateTokens}). {@code type} decides the sending rules upstream:
 * marketing emails go once per contact and respect do-not-contact, transactional ones may repeat.
 * {@code transport} (optional) names the send workers' SMTP transport it goes over.
 */
public record EmailDefinition(String id, String name, String subject, String html, String text,
                              String from, String fromName, String type, String transport) {
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

    /** An email that names no transport: the workers choose by its type. */
    public EmailDefinition(String id, String name, String subject, String html, String text, String from, String fromName, String type) {
        this(id, name, subject, html, text, from, fromName, type, null);
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
}
