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

    static String tokenSecret(String dataDir) {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String fresh = HexFormat.of().formatHex(bytes);
        if (dataDir.isBlank()) {
            return fresh;
        }
        Path file = Path.of(dataDir, "token-secret");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, fresh);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the token secret in " + file, e);
        }
    }
}
