package io.leadstream.gateway.assets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Uploaded asset files on the local filesystem (the embedded default), each kept under the SHA-256
 * of its bytes: a file is never overwritten in place, so a download in progress keeps its bytes when
 * the asset gets a new file, and the same file uploaded twice is kept once.
 */
public final class AssetFiles {
    private final Path dir;

    public AssetFiles(Path dir) {
        this.dir = dir;
    }

    /** {@code gateway.asset-dir}, or a folder in the temp dir. */
    public static Path dir(io.leadstream.common.config.LeadStreamConfig config) {
        String configured = config.get(io.leadstream.common.config.GatewayOptions.ASSET_DIR);
        return configured.isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "leadstream-assets") : Path.of(configured);
    }

    /** A new path for an upload on its way in. */
    public Path incoming() {
        return dir.resolve("incoming").resolve(UUID.randomUUID() + ".part");
    }

    /** The stored file with this hash. */
    public Path file(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return dir.resolve(sha256);
    }

    /** Moves a received file in under its hash (blocking); the hash. */
    public String keep(Path received) throws IOException {
        String sha256 = sha256(received);
        Path target = file(sha256);
        if (Files.exists(target)) {
            Files.delete(received);
        } else {
            Files.move(received, target, StandardCopyOption.ATOMIC_MOVE);
        }
        return sha256;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
