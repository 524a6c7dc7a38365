package io.leadstream.common.email;

import java.util.Objects;

/**
 * What an email link or pixel stands for. {@code kind} is {@code open}, {@code click} or
 * {@code unsubscribe}; {@code url} is set for clicks only. Lives in {@code common} because send
 * workers sign what the gateway verifies.
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
        // A click redirects to url: only http(s), so a token can never become a javascript: or data: redirect.
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
}
