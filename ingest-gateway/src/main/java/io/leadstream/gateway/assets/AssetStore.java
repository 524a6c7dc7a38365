package io.leadstream.gateway.assets;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.gateway.GatewayOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where uploaded asset files are kept, each under the SHA-256 of its bytes: a file is never
 * overwritten in place, so a download in progress keeps its bytes when the asset gets a new file, and
 * the same file uploaded twice is kept once. An upload first lands in a local file
 * ({@link #incoming}), where its size and type are checked, and is then {@link #keep kept}.
 */
public interface AssetStore {
    /** A new local path for an upload on its way in. */
    Path incoming();

    /** Keeps a received file under its hash and removes the received one (blocking); the hash. */
    String keep(Path received) throws IOException;

    /**
     * Ends the response with the kept file's bytes, all of them or {@code range} (null: all); the
     * caller has set the headers but for the length. {@code size}: the file's, as kept.
     */
    void send(HttpServerResponse response, String sha256, long size, ByteRange range);

    /** The store {@code gateway.asset-store} names. */
    static AssetStore from(Vertx vertx, LeadStreamConfig config) {
        String kind = config.get(GatewayOptions.ASSET_STORE);
        return switch (kind) {
            case "local" -> new AssetFiles(AssetFiles.dir(config));
            case "s3" -> S3AssetStore.from(vertx, config);
            default -> throw new IllegalArgumentException(GatewayOptions.ASSET_STORE.key() + ": 'local' or 's3', not '" + kind + "'");
        };
    }
}
