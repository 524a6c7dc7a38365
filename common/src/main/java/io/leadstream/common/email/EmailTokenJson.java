package io.leadstream.common.email;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * The signed body of a token: {@code {"k":kind,"s":send,"e":email,"c":contact[,"u":url]}}. The
 * bytes are what the HMAC covers, so they must stay exactly what the gateway wrote before this
 * moved out of it (Vert.x's JsonObject, itself Jackson): keys in this order, Jackson's default
 * escaping, compact, serialized to a String first and then UTF-8 encoded. SignedTokensTest pins
 * tokens signed by that old code.
 */
final class EmailTokenJson {
    // Vert.x rejected trailing content after the object; keep that.
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private EmailTokenJson() {}

    static byte[] encode(EmailToken token) {
        ObjectNode json = MAPPER.createObjectNode()
                .put("k", token.kind())
                .put("s", token.sendId())
                .put("e", token.emailId())
                .put("c", token.contactId());
        if (token.url() != null) {
            json.put("u", token.url());
        }
        try {
            return MAPPER.writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token in a verified body, or null when it is not a token object (missing or non-text keys, bad url). */
    static EmailToken decode(byte[] body) {
        JsonNode json;
        try {
            json = MAPPER.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            return null;
        }
        if (json == null || !json.isObject()) {
            return null;
        }
        String kind = text(json, "k");
        String send = text(json, "s");
        String email = text(json, "e");
        String contact = text(json, "c");
        if (kind == null || send == null || email == null || contact == null) {
            return null;
        }
        try {
            return new EmailToken(kind, send, email, contact, text(json, "u"));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(JsonNode json, String key) {
        JsonNode value = json.get(key);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
