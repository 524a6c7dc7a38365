package io.leadstream.email;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** The headers a send adds besides From, To and Subject. */
final class EmailHeaders {
    static final String LIST_UNSUBSCRIBE = "List-Unsubscribe";
    static final String LIST_UNSUBSCRIBE_POST = "List-Unsubscribe-Post";
    static final String MESSAGE_ID = "Message-ID";

    // RFC 5322 dot-atom-text: what may stand on either side of the '@' in a Message-ID.
    private static final Pattern DOT_ATOM = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final String FALLBACK_DOMAIN = "leadstream";

    private EmailHeaders() {}

    /**
     * List-Unsubscribe with List-Unsubscribe-Post is RFC 8058 one-click: the mail client POSTs
     * {@code List-Unsubscribe=One-Click} to the URL, which the gateway's POST route accepts.
     */
    static Map<String, String> of(String unsubscribeUrl, String sendId, String fromAddress) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(LIST_UNSUBSCRIBE, "<" + unsubscribeUrl + ">");
        headers.put(LIST_UNSUBSCRIBE_POST, "List-Unsubscribe=One-Click");
        headers.put(MESSAGE_ID, messageId(sendId, fromAddress));
        return headers;
    }

    /**
     * {@code <sendId@from-domain>}: derived from the send (command) id, so a retried send carries
     * the same id and receivers can drop the duplicate. An id that is not a dot-atom becomes a
     * name-based UUID of itself, still the same for the same send.
     */
    static String messageId(String sendId, String fromAddress) {
        String left = DOT_ATOM.matcher(sendId).matches() ? sendId
                : UUID.nameUUIDFromBytes(sendId.getBytes(StandardCharsets.UTF_8)).toString();
        int at = fromAddress.lastIndexOf('@');
        String domain = at < 0 ? "" : fromAddress.substring(at + 1).trim();
        return "<" + left + "@" + (DOT_ATOM.matcher(domain).matches() ? domain : FALLBACK_DOMAIN) + ">";
    }
}
