package io.leadstream.email;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One contact's email, ready for SMTP: personalized subject and bodies, and the extra headers
 * (List-Unsubscribe, List-Unsubscribe-Post, Message-ID) in a fixed order.
 */
public record RenderedEmail(String subject, String html, String text, Map<String, String> headers) {
    public RenderedEmail {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }
}
