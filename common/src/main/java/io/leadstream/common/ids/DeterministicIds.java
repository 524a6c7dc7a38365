package io.leadstream.common.ids;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Ids derived from what caused a record, never random: a job replayed after a failure emits the
 * same ids again, so whoever acts on them (send workers, the campaign stage) can tell a repeat.
 */
public final class DeterministicIds {
    private DeterministicIds() {}

    /** 80 bits of SHA-256 of the parts, as 20 hex digits. */
    public static String of(String... parts) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
