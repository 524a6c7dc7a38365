package io.leadstream.workers;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-LeadStream-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}.
 * The receiver recomputes it with the shared secret; the timestamp inside the MAC lets it refuse
 * replays of old calls.
 */
public final class WebhookSignature {
    public static final String HEADER = "X-LeadStream-Signature";

    private final SecretKeySpec key;

    public WebhookSignature(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String header(long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + mac(unixSeconds, body);
    }

    /** Whether {@code header} signs {@code body} with this key (what a receiver does). */
    public boolean verifies(String header, String body) {
        if (header == null || !header.startsWith("t=") || !header.contains(",v1=")) {
            return false;
        }
        String[] parts = header.split(",v1=", 2);
        try {
            long t = Long.parseLong(parts[0].substring(2));
            return java.security.MessageDigest.isEqual(mac(t, body).getBytes(StandardCharsets.US_ASCII), parts[1].getBytes(StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String mac(long unixSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
