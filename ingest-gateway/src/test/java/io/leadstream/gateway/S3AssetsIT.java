package io.leadstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadstream.schemas.event.AssetDownload;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.stack.EmbeddedS3;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestFiles;
import io.leadstream.stack.TestNamespace;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Asset files in a real S3-compatible store (S3Proxy over a folder, requests signed with AWS
 * Signature V4): an upload lands in the bucket under its hash and nowhere on the gateway's disk, the
 * same bytes uploaded for a second asset are kept once, a download and its byte ranges come from the
 * bucket with the asset's type and count as the visitor's event, and a store that cannot be read is
 * a 503 with the reason.
 */
@ExtendWith(LeadStreamStackExtension.class)
class S3AssetsIT {
    @Test
    void assetsAreKeptInTheBucketAndServedFromItWithRanges(TestNamespace ns, @TempDir Path s3Dir, @TempDir Path local) throws Exception {
        try (EmbeddedS3 s3 = new EmbeddedS3(s3Dir).start()) {
            String bucket = s3.bucket("leadstream-assets");
            try (GatewayFixture gw = new GatewayFixture(ns, c -> c.with(GatewayOptions.ASSET_DIR, local.toString())
                    .with(GatewayOptions.ASSET_STORE, "s3").with(GatewayOptions.ASSET_S3_BUCKET, bucket)
                    .with(GatewayOptions.ASSET_S3_ENDPOINT, s3.endpoint()).with(GatewayOptions.ASSET_S3_REGION, EmbeddedS3.REGION)
                    .with(GatewayOptions.ASSET_S3_PATH_STYLE, true).with(GatewayOptions.ASSET_S3_PREFIX, "lead/assets/")
                    .with(GatewayOptions.ASSET_S3_ACCESS_KEY, EmbeddedS3.ACCESS_KEY).with(GatewayOptions.ASSET_S3_SECRET_KEY, EmbeddedS3.SECRET_KEY))) {
                byte[] guide = TestFiles.pdf(200_000);
                HttpResponse<String> uploaded = upload(gw, "guide", guide);
                assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
                String sha256 = new JsonObject(uploaded.body()).getJsonObject("file").getString("sha256");
                assertThat(new JsonObject(uploaded.body()).getJsonObject("file").getLong("size")).isEqualTo(guide.length);

                List<Path> objects = s3.objects(bucket);
                assertThat(objects).as("one object, named by its hash under the prefix").hasSize(1);
                assertThat(objects.get(0).toString()).endsWith("lead/assets/" + sha256);
                assertThat(Files.readAllBytes(objects.get(0))).isEqualTo(guide);
                try (var kept = Files.walk(local)) {
                    assertThat(kept.filter(Files::isRegularFile).toList()).as("nothing left on the gateway's disk").isEmpty();
                }
                assertThat(upload(gw, "guide-copy", guide).statusCode()).isEqualTo(201);
                assertThat(s3.objects(bucket)).as("the same bytes are kept once").hasSize(1);

                HttpResponse<byte[]> file = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                        .until(() -> download(gw, "/asset/guide", null), r -> r.statusCode() == 200);
                assertThat(file.body()).isEqualTo(guide);
                assertThat(file.headers().firstValue("Content-Type")).hasValue("application/pdf");
                assertThat(file.headers().firstValue("Content-Length")).hasValue(String.valueOf(guide.length));
                assertThat(file.headers().firstValue("ETag")).hasValue("\"" + sha256 + "\"");
                HttpResponse<byte[]> part = download(gw, "/asset/guide", "bytes=70000-70009");
                assertThat(part.statusCode()).isEqualTo(206);
                assertThat(part.body()).isEqualTo(Arrays.copyOfRange(guide, 70000, 70010));
                assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 70000-70009/" + guide.length);
                HttpResponse<byte[]> tail = download(gw, "/asset/guide", "bytes=-7");
                assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(guide, guide.length - 7, guide.length));

                List<String> downloads = gw.drain().stream().map(TrackingEvent::getPayload).filter(AssetDownload.class::isInstance)
                        .map(p -> ((AssetDownload) p).getAssetId()).toList();
                assertThat(downloads).as("the whole file is a download; ranges after its first byte are that download going on").containsExactly("guide");

                s3.close();
                HttpResponse<byte[]> down = download(gw, "/asset/guide", null);
                assertThat(down.statusCode()).isEqualTo(503);
                assertThat(new String(down.body())).contains("the asset store cannot be read now");
            }
        }
    }

    private static HttpResponse<String> upload(GatewayFixture gw, String id, byte[] body) throws Exception {
        return gw.http.send(HttpRequest.newBuilder(URI.create(gw.url("/api/v1/assets/" + id + "/file?name=guide.pdf")))
                .header("Authorization", "Bearer " + GatewayFixture.TOKEN).header("Content-Type", "application/pdf")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> download(GatewayFixture gw, String path, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gw.url(path))).header("Cookie", "mautic_device_id=s3visitor0001");
        if (range != null) {
            b.header("Range", range);
        }
        return gw.http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
