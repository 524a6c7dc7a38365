package io.leadstream.bench.pipeline;

import io.leadstream.common.ids.IdentityIds;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * One device's page hits, sent by hand around an upgrade, and its contact as the read API shows it: what
 * a build kept of the state an older one wrote (points) and what the newer one's logic made of it (tags).
 */
final class UpgradeProbe {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String gatewayUrl;
    private final String token;
    private final String device;
    private int hits;

    UpgradeProbe(String gatewayUrl, String token, String device) {
        this.gatewayUrl = gatewayUrl;
        this.token = token;
        this.device = device;
    }

    /** Sends {@code count} page hits of the device (each worth a point: the definitions' repeatable "visit" action). */
    void hit(int count) throws IOException, InterruptedException {
        for (int i = 0; i < count; i++) {
            hits++;
            String page = URLEncoder.encode("https://shop.example.com/upgrade/" + hits, StandardCharsets.UTF_8);
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/mtracking.gif?page_url=" + page))
                    .header("Cookie", "mautic_device_id=" + device).build(), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("hit refused: " + r.statusCode());
            }
        }
    }

    /** Waits until the device's contact, read through {@code GET /api/v1/contacts/{id}}, satisfies {@code condition}. */
    JsonObject awaitContact(Predicate<JsonObject> condition, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/v1/contacts/" + IdentityIds.anon(device)))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                last = new JsonObject(r.body());
                if (condition.test(last)) {
                    return last;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("contact of " + device + " not as expected after " + timeout + "; last: " + last);
    }
}
