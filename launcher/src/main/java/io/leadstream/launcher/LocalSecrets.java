package io.leadstream.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Secrets the local run makes up when none are configured, kept in the data dir when there is one. */
final class LocalSecrets {
    private LocalSecrets() {}

    /** The gateway's token secret (email links). */
    static String tokenSecret(String dataDir) {
        return secret(dataDir, "token-secret");
    }

    /** The send workers' webhook signing secret: receivers of the local run's webhooks verify with the file's content. */
    static String webhookSecret(String dataDir) {
        return secret(dataDir, "webhook-secret");
    }

    private static String secret(String dataDir, String name) {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String fresh = HexFormat.of().formatHex(bytes);
        if (dataDir.isBlank()) {
            return fresh;
        }
        Path file = Path.of(dataDir, name);
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, fresh);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the " + name + " in " + file, e);
        }
    }
}
