package io.leadstream.gateway.assets;

import io.leadstream.common.crypto.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The pass to a gated asset that a form submission earns: {@code expiry.signature}, the signature an
 * HMAC of the asset and the expiry under {@code gateway.token-secret}. It is handed out in the
 * submission's redirect, so the download does not wait for the engine to store the submission.
 */
public final class AssetTokens {
    /** Long enough to follow the redirect, and to come back to the link soon after. */
    public static final Duration VALID_FOR = Duration.ofHours(1);
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();

    private final HmacSha256 key;

    public AssetTokens(String secret) {
        this.key = new HmacSha256(secret);
    }

    public String sign(String assetId, Instant now) {
        long expiry = now.plus(VALID_FOR).getEpochSecond();
        return expiry + "." + mac(assetId, expiry);
    }

    /** Whether {@code token} was signed for this asset and has not expired. */
    public boolean valid(String assetId, String token, Instant now) {
        if (token == null || token.length() > 200) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || !token.substring(0, dot).matches("\\d{1,12}")) {
            return false;
        }
        long expiry = Long.parseLong(token.substring(0, dot));
        return now.getEpochSecond() <= expiry && MessageDigest.isEqual(mac(assetId, expiry).getBytes(StandardCharsets.US_ASCII),
                token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(String assetId, long expiry) {
        return ENC.encodeToString(key.sign(("asset:" + assetId + ":" + expiry).getBytes(StandardCharsets.UTF_8)));
    }
}
