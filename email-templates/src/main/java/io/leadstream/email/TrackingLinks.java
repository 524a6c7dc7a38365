package io.leadstream.email;

import io.leadstream.common.email.EmailToken;
import io.leadstream.common.email.SignedTokens;
import java.util.Locale;

/**
 * The gateway URLs an email links to, each carrying a signed token (same key as the gateway's
 * {@code gateway.token-secret}). Paths are the gateway's routes (GatewayServer):
 * {@code /email/{token}.gif} open pixel, {@code /r/{token}} click redirect,
 * {@code /email/unsubscribe/{token}} one-click unsubscribe.
 */
public final class TrackingLinks {
    private final String base;
    private final SignedTokens tokens;

    /** @param baseUrl the gateway's public URL ({@code gateway.public-url}); https in production, as RFC 8058 requires. */
    public TrackingLinks(String baseUrl, SignedTokens tokens) {
        if (baseUrl == null || !(baseUrl.startsWith("https://") || baseUrl.startsWith("http://"))) {
            throw new IllegalArgumentException("tracking base URL must be http(s): " + baseUrl);
        }
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.tokens = tokens;
    }

    public String pixel(String sendId, String emailId, String contactId) {
        return base + "/email/" + tokens.sign(EmailToken.open(sendId, emailId, contactId)) + ".gif";
    }

    public String unsubscribe(String sendId, String emailId, String contactId) {
        return base + "/email/unsubscribe/" + tokens.sign(EmailToken.unsubscribe(sendId, emailId, contactId));
    }

    /**
     * The "view in browser" link, the gateway's {@code GET /email/view/{token}}; it carries an
     * open-kind token because the page needs nothing more than send, email and contact.
     */
    public String webview(String sendId, String emailId, String contactId) {
        return base + "/email/view/" + tokens.sign(EmailToken.open(sendId, emailId, contactId));
    }

    /**
     * The tracked redirect to {@code url} (http or https, any case), or null when the signed token
     * would be longer than the gateway accepts: such a link is better sent untracked than broken.
     */
    public String click(String sendId, String emailId, String contactId, String url) {
        String token = tokens.sign(EmailToken.click(sendId, emailId, contactId, lowerCaseScheme(url)));
        return token.length() > SignedTokens.MAX_TOKEN_LENGTH ? null : base + "/r/" + token;
    }

    /** Whether {@code url} is an http(s) URL, the only kind a click token may redirect to. */
    public static boolean isHttp(String url) {
        return url.regionMatches(true, 0, "http://", 0, 7) || url.regionMatches(true, 0, "https://", 0, 8);
    }

    // Schemes are case-insensitive (RFC 3986) but click tokens require a lowercase http(s) prefix.
    private static String lowerCaseScheme(String url) {
        int colon = url.indexOf(':');
        return url.substring(0, colon).toLowerCase(Locale.ROOT) + url.substring(colon);
    }
}
