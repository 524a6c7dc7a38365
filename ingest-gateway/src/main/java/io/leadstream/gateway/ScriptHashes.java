package io.leadstream.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** An inline script allowed by a Content-Security-Policy through its hash: the SHA-256 of its text, exactly as written. */
final class ScriptHashes {
    private ScriptHashes() {}

    /** {@code sha256-...}, as it goes between quotes in a policy. */
    static String of(String script) {
        try {
            return "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
