package io.leadstream.gateway.assets;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.gateway.GatewayOptions;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Asset files in an S3-compatible object store (AWS S3, MinIO, Ceph, R2...), for a deployment with
 * several gateways: each serves every file. Objects are named by their hash, so an upload of a file
 * the bucket already has writes nothing. Downloads go through the gateway (the bucket stays private,
 * the file keeps this origin's headers) with the byte range asked of S3 itself; the SDK's calls block,
 * so they run on a pool of their own, never on an event loop.
 */
public final class S3AssetStore implements AssetStore {
    private static final Logger LOG = LoggerFactory.getLogger(S3AssetStore.class);
    private static final int CHUNK = 64 * 1024;
    private static final int DOWNLOAD_THREADS = 16;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final Path incoming;
    private final WorkerExecutor downloads;

    S3AssetStore(S3Client s3, String bucket, String prefix, Path incoming, WorkerExecutor downloads) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.incoming = incoming;
        this.downloads = downloads;
    }

    static S3AssetStore from(Vertx vertx, LeadStreamConfig config) {
        String bucket = config.get(GatewayOptions.ASSET_S3_BUCKET);
        if (bucket.isBlank()) {
            throw new IllegalArgumentException(GatewayOptions.ASSET_S3_BUCKET.key() + " is needed with " + GatewayOptions.ASSET_STORE.key() + " s3");
        }
        S3ClientBuilder b = S3Client.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(config.get(GatewayOptions.ASSET_S3_REGION)))
                .forcePathStyle(config.get(GatewayOptions.ASSET_S3_PATH_STYLE))
                // Checksums only where S3 requires them: the SDK's default trailing checksums (aws-chunked) are
                // refused by many S3-compatible stores, and the object's name is already the hash of its bytes.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(credentials(config));
        String endpoint = config.get(GatewayOptions.ASSET_S3_ENDPOINT);
        if (!endpoint.isBlank()) {
            b.endpointOverride(URI.create(endpoint));
        }
        return new S3AssetStore(b.build(), bucket, config.get(GatewayOptions.ASSET_S3_PREFIX),
                AssetFiles.dir(config).resolve("incoming"), vertx.createSharedWorkerExecutor("asset-downloads", DOWNLOAD_THREADS));
    }

    private static AwsCredentialsProvider credentials(LeadStreamConfig config) {
        String key = config.get(GatewayOptions.ASSET_S3_ACCESS_KEY);
        return key.isBlank() ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(key, config.get(GatewayOptions.ASSET_S3_SECRET_KEY)));
    }

    @Override
    public Path incoming() {
        return incoming.resolve(java.util.UUID.randomUUID() + ".part");
    }

    @Override
    public String keep(Path received) throws IOException {
        String sha256 = AssetFiles.sha256(received);
        String key = prefix + sha256;
        long size = Files.size(received);
        try {
            s3.headObject(r -> r.bucket(bucket).key(key));
        } catch (NoSuchKeyException absent) {
            s3.putObject(r -> r.bucket(bucket).key(key).contentLength(size), RequestBody.fromFile(received));
        }
        Files.delete(received);
        return sha256;
    }

    @Override
    public void send(HttpServerResponse response, String sha256, long size, ByteRange range) {
        String key = prefix + sha256;
        downloads.executeBlocking(() -> {
            try (InputStream in = s3.getObject(r -> r.bucket(bucket).key(key).range(range == null ? null
                    : "bytes=" + range.start() + "-" + range.end()))) {
                response.putHeader("Content-Length", String.valueOf(range == null ? size : range.length()));
                byte[] chunk = new byte[CHUNK];
                for (int n; (n = in.read(chunk)) > 0; ) {
                    // One chunk in flight: a slow visitor holds this thread, not the gateway's memory.
                    response.write(Buffer.buffer().appendBytes(chunk, 0, n)).toCompletionStage().toCompletableFuture().get();
                }
            }
            return null;
        }, false).onComplete(ar -> {
            if (ar.succeeded()) {
                response.end();
            } else if (!response.headWritten()) {
                LOG.warn("Asset file {} could not be read from bucket {}: {}", key, bucket, ar.cause().toString());
                response.headers().remove("Content-Length").remove("Content-Disposition").remove("Content-Range");
                response.setStatusCode(503).putHeader("Retry-After", "5").putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end("the asset store cannot be read now; try again");
            } else {
                LOG.warn("Asset file {} stopped on its way to the visitor: {}", key, cause(ar.cause()).toString());
                response.reset();
            }
        });
    }

    private static Throwable cause(Throwable t) {
        return t instanceof ExecutionException && t.getCause() != null ? t.getCause() : t;
    }
}
