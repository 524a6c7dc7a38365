package io.leadstream.gateway.assets;

import io.vertx.core.http.HttpServerResponse;
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

/** Uploaded asset files on the local filesystem: the embedded default, for a single machine. */
public final class AssetFiles implements AssetStore {
    private final Path dir;

    public AssetFiles(Path dir) {
        this.dir = dir;
    }

    /** {@code gateway.asset-dir}, or a folder in the temp dir. */
    public static Path dir(io.leadstream.common.config.LeadStreamConfig config) {
        String configured = config.get(io.leadstream.gateway.GatewayOptions.ASSET_DIR);
        return configured.isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "leadstream-assets") : Path.of(configured);
    }

    @Override
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

    @Override
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

    @Override
    public void send(HttpServerResponse response, String sha256, long size, ByteRange range) {
        String path = file(sha256).toString();
        if (range == null) {
            response.sendFile(path);
        } else {
            response.sendFile(path, range.start(), range.length());
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
