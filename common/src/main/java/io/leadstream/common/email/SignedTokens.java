package io.leadstream.common.email;

import io.leadstream.common.crypto.HmacSha256;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Email tracking tokens: {@code base64url(json).base64url(HMAC-SHA256(key, json))}. The token
 * carries what the event needs (kind, send, email, contact, and for clicks the target URL), so
 * the gateway needs no lookup and a click can only redirect to the URL that was signed. Send
 * workers sign with the same key ({@code gateway.token-secret}) that the gateway verifies with.
 */
public final class SignedTokens {
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();
    /** Longer tokens are rejected unread (and the gateway's open route caps at this too): signers must stay under it. */
    public static final int MAX_TOKEN_LENGTH = 4096;

    private final HmacSha256 key;

    public SignedTokens(String secret) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("gateway.token-secret must have at least 32 characters");
        }
        this.key = new HmacSha256(secret);
    }

    public String sign(EmailToken token) {
        byte[] body = EmailTokenJson.encode(token);
        return ENC.encodeToString(body) + "." + ENC.encodeToString(mac(body));
    }

    /** The token's content, or null when it is malformed, tampered with or signed by another key. */
    public EmailToken verify(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return null;
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return null;
        }
        try {
            byte[] body = DEC.decode(token.substring(0, dot));
            byte[] signature = DEC.decode(token.substring(dot + 1));
            // Constant-time compare, and only then parse: unsigned input never reaches the JSON parser.
            if (!MessageDigest.isEqual(mac(body), signature)) {
                return null;
            }
            return EmailTokenJson.decode(body);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private byte[] mac(byte[] body) {
        return key.sign(body);
    }
}
