package io.leadstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.gateway.GatewayOptions;
import io.leadstream.gateway.GatewayServer;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestFiles;
import io.leadstream.stack.TestNamespace;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Assets through the whole system: uploads over the limit, of a type not allowed, or whose bytes are
 * not the type sent are refused with the reason and leave nothing; a PDF is stored and gated by a
 * form. A visitor is shown the form, submits it and is sent on to the file with a pass; the file
 * comes with its type and byte ranges; the download is the contact's event and scores its point
 * action once; on a later visit the contact, who has submitted the form, downloads without a pass.
 */
@ExtendWith(LeadStreamStackExtension.class)
class GatedAssetIT {
    private static final String TOKEN = "gated-asset-token";
    private static final int MAX_BYTES = 64 * 1024;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void aGatedPdfIsDownloadedAfterItsFormAndTheDownloadScores(TestNamespace ns, @TempDir Path assets) throws Exception {
        LeadStreamConfig config = RunningEngine.config(ns, TOKEN).with(GatewayOptions.ASSET_DIR, assets.toString())
                .with(GatewayOptions.ASSET_MAX_BYTES, (long) MAX_BYTES);
        try (RunningEngine engine = RunningEngine.start(ns, config, "gated-asset");
             GatewayServer gateway = new GatewayServer(config).start()) {
            engine.awaitRunning();
            String base = gateway.baseUrl();
            GatewayCalls api = new GatewayCalls(base, TOKEN);

            HttpResponse<String> big = upload(base, "guide", "application/pdf", "guide.pdf", TestFiles.pdf(MAX_BYTES + 1));
            assertThat(big.statusCode()).isEqualTo(413);
            assertThat(big.body()).contains("gateway.asset-max-bytes", "nothing was stored");
            HttpResponse<String> program = upload(base, "guide", "application/pdf", "guide.pdf", TestFiles.exe());
            assertThat(program.statusCode()).isEqualTo(415);
            assertThat(program.body()).contains("not application/pdf as sent", "nothing was stored");
            HttpResponse<String> page = upload(base, "guide", "text/html", "guide.html", "<script>x()</script>".getBytes(StandardCharsets.UTF_8));
            assertThat(page.statusCode()).isEqualTo(415);
            assertThat(page.body()).contains("cannot be of type text/html");
            assertThat(api.send("GET", "/api/v1/assets/guide", null).statusCode()).as("no asset").isEqualTo(404);
            assertThat(stored(assets)).as("no file kept").isEmpty();

            byte[] guide = TestFiles.pdf(3000);
            HttpResponse<String> uploaded = upload(base, "guide", "application/pdf", "Spring guide.pdf", guide);
            assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
            assertThat(new JsonObject(uploaded.body()).getJsonObject("file").getMap()).containsEntry("name", "Spring guide.pdf")
                    .containsEntry("contentType", "application/pdf").containsEntry("size", guide.length);
            assertThat(stored(assets)).hasSize(1);

            api.define("forms", "guide-form", """
                    {"name": "Get the guide", "fields": [{"alias": "email", "type": "email", "required": true}],
                     "actions": [{"type": "download_asset", "asset": "guide"}]}""");
            JsonObject gated = api.get("/api/v1/assets/guide").put("form", "guide-form");
            assertThat(api.send("PUT", "/api/v1/assets/guide", gated.encode()).statusCode()).isEqualTo(200);
            api.define("point-actions", "guide-download", """
                    {"name": "Downloaded the guide", "type": "asset_download", "asset": "guide", "points": 20, "repeatable": true}""");
            long revision = api.define("segments", "guide-readers", """
                    {"name": "Guide readers", "filters": [{"kind": "points", "operator": "gte", "value": 20}]}""");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> api.find("/api/v1/segments/guide-readers/backfill"),
                    b -> b != null && b.getLong("revision") == revision && b.getBoolean("done"));

            // A stranger is shown the form, which leads back to the asset.
            HttpResponse<String> gate = get(base + "/asset/guide", "gatedvisitor01", null);
            assertThat(gate.statusCode()).isEqualTo(403);
            Element form = Jsoup.parse(gate.body()).selectFirst("form#mauticform_guide-form");
            assertThat(form).as(gate.body()).isNotNull();
            assertThat(form.selectFirst("input[name=mauticform[return]]").val()).isEqualTo("/asset/guide");
            assertThat(get(base + "/asset/guide?t=99999999999.forged", "gatedvisitor01", null).statusCode()).as("a forged pass").isEqualTo(403);

            String address = "reader@" + ns.keyspace().replace('_', '-') + ".example";
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(base + form.attr("action").substring(base.length())))
                    .header("Cookie", "mautic_device_id=gatedvisitor01").header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("mauticform%5Bemail%5D=" + GatewayCalls.enc(address)
                            + "&mauticform%5Breturn%5D=%2Fasset%2Fguide")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(303);
            String pass = posted.headers().firstValue("Location").orElseThrow();
            assertThat(pass).startsWith(base + "/asset/guide?t=");

            HttpResponse<byte[]> file = http.send(HttpRequest.newBuilder(URI.create(pass)).header("Cookie", "mautic_device_id=gatedvisitor01").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.body()).isEqualTo(guide);
            assertThat(file.headers().firstValue("Content-Type")).hasValue("application/pdf");
            assertThat(file.headers().firstValue("Accept-Ranges")).hasValue("bytes");
            assertThat(file.headers().firstValue("Content-Disposition").orElseThrow()).contains("filename*=UTF-8''Spring%20guide.pdf");
            // A viewer reading on: ranges after the first byte are the same download, not new ones.
            HttpResponse<byte[]> part = http.send(HttpRequest.newBuilder(URI.create(pass)).header("Range", "bytes=10-19")
                    .header("Cookie", "mautic_device_id=gatedvisitor01").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(part.statusCode()).isEqualTo(206);
            assertThat(part.body()).isEqualTo(Arrays.copyOfRange(guide, 10, 20));
            assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 10-19/" + guide.length);
            HttpResponse<byte[]> tail = http.send(HttpRequest.newBuilder(URI.create(pass)).header("Range", "bytes=-5")
                    .header("Cookie", "mautic_device_id=gatedvisitor01").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(guide, guide.length - 5, guide.length));
            assertThat(http.send(HttpRequest.newBuilder(URI.create(pass)).header("Range", "bytes=99999-").build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(416);

            JsonObject reader = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> api.contactByEmail(address), c -> c != null && c.getInteger("points") == 20);
            List<String> downloads = api.get("/api/v1/contacts/" + reader.getString("id") + "/timeline").getJsonArray("events").stream()
                    .map(e -> ((JsonObject) e).getString("kind")).filter("asset_download"::equals).toList();
            assertThat(downloads).as("one download, the ranges after it included").hasSize(1);

            // Back later, without the pass: the contact has submitted the form, so the file comes.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> get(base + "/asset/guide", "gatedvisitor01", null).statusCode() == 200);
            assertThat(get(base + "/asset/guide", "gatedstranger1", null).statusCode()).as("another visitor still meets the form").isEqualTo(403);
        }
    }

    private HttpResponse<String> upload(String base, String id, String type, String name, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/assets/" + id + "/file?name=" + GatewayCalls.enc(name)))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", type)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url, String device, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Cookie", "mautic_device_id=" + device);
        if (range != null) {
            b.header("Range", range);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The files kept in the asset folder (uploads on their way in are not). */
    private static List<Path> stored(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
