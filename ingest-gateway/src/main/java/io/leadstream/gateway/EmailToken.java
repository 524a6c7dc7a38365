package io.leadstream.gateway;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * What an email link or pixel stands for. {@code kind} is {@code open}, {@code click} or
 * {@code unsubscribe}; {@code url} is set for clicks only.
 */
public record EmailToken(String kind, String sendId, String emailId, String contactId, String url) {
    public static final String OPEN = "open";
    public static final String CLICK = "click";
    public static final String UNSUBSCRIBE = "unsubscribe";

    public EmailToken {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(sendId);
        Objects.requireNonNull(emailId);
        Objects.requireNonNull(contactId);
        if (CLICK.equals(kind) && (url == null || !(url.startsWith("https://") || url.startsWith("http://")))) {
            throw new IllegalArgumentException("click tokens need an http(s) url");
        }
    }

    public static EmailToken open(String sendId, String emailId, String contactId) {
        return new EmailToken(OPEN, sendId, emailId, contactId, null);
    }

    public static EmailToken click(String sendId, String emailId, String contactId, String url) {
        return new EmailToken(CLICK, sendId, emailId, contactId, url);
    }

    public static EmailToken unsubscribe(String sendId, String emailId, String contactId) {
        return new EmailToken(UNSUBSCRIBE, sendId, emailId, contactId, null);
    }

    JsonObject toJson() {
        JsonObject json = new JsonObject().put("k", kind).put("s", sendId).put("e", emailId).put("c", contactId);
        return url == null ? json : json.put("u", url);
    }

    static EmailToken fromJson(JsonObject json) {
        String kind = json.getString("k");
        String send = json.getString("s");
        String email = json.getString("e");
        String contact = json.getString("c");
        if (kind == null || send == null || email == null || contact == null) {
            return null;
        }
        try {
            return new EmailToken(kind, send, email, contact, json.getString("u"));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
