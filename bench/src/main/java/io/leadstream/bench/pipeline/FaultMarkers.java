package io.leadstream.bench.pipeline;

import io.leadstream.bench.BenchSmtpServer;
import io.leadstream.common.ids.IdentityIds;
import io.leadstream.store.cassandra.OutboxLayout;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How long the system takes to recover from a fault, seen from outside: right after the fault a
 * marker is sent through the gateway (retried until it is accepted, as a tracker would), and the
 * recovery time is from the fault until the marker shows at the far end: a page hit stored in
 * Cassandra, or sign-up emails at the SMTP server, one for each outbox shard so that the shards of a
 * killed worker are among them.
 */
final class FaultMarkers {
    private final String gatewayUrl;
    private final BenchSmtpServer smtp;
    private final EventsInCassandra events;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    FaultMarkers(String gatewayUrl, BenchSmtpServer smtp, EventsInCassandra events) {
        this.gatewayUrl = gatewayUrl;
        this.smtp = smtp;
        this.events = events;
    }

    /** Sends a page hit for device {@code marker} and waits until Cassandra has it; seconds since {@code faultAt} (epoch ms). */
    double hitStored(String marker, long faultAt, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        accepted(HttpRequest.newBuilder(URI.create(gatewayUrl + "/mtracking.gif?page_url="
                + URLEncoder.encode("https://shop.example.com/fault/" + marker, StandardCharsets.UTF_8))), marker, deadline);
        while (events.rows(marker) == 0) {
            check(deadline, "marker hit " + marker + " not stored");
            Thread.sleep(100);
        }
        return (System.currentTimeMillis() - faultAt) / 1000.0;
    }

    /**
     * Signs up one new contact per outbox shard and waits for all their welcome emails; seconds from
     * {@code faultAt} until the last arrived. The addresses are returned through {@code sent}, so the
     * final check counts these emails too.
     */
    double emailsDelivered(String tag, long faultAt, Duration timeout, List<DriverLedger.Probe> sent) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> addresses = new ArrayList<>();
        for (int shard = 0; shard < OutboxLayout.SHARDS; shard++) {
            String[] device = new String[1];
            String address = addressOnShard(tag, shard, device);
            accepted(HttpRequest.newBuilder(URI.create(gatewayUrl + "/form/submit?formId=" + PipelineMix.SIGNUP_FORM))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("mauticform%5Bemail%5D=" + URLEncoder.encode(address, StandardCharsets.UTF_8))),
                    device[0], deadline);
            addresses.add(address);
            sent.add(new DriverLedger.Probe(PipelineMix.Kind.FORM_SIGNUP, address, faultAt));
        }
        while (addresses.stream().anyMatch(a -> smtp.firstArrival(a) == null)) {
            check(deadline, "marker emails " + tag + " not all delivered");
            Thread.sleep(100);
        }
        return (addresses.stream().mapToLong(smtp::firstArrival).max().orElseThrow() - faultAt) / 1000.0;
    }

    /** An address whose contact lands on {@code shard} whether the engine names it after the device or after the address. */
    private static String addressOnShard(String tag, int shard, String[] device) {
        for (int k = 0; ; k++) {
            String d = "mark-" + tag + "-" + shard + "-" + k;
            String address = d + "@" + PipelineMix.FORM_PROBE_DOMAIN;
            if (OutboxLayout.shard(IdentityIds.anon(d)) == shard
                    && OutboxLayout.shard(IdentityIds.forIdentifier(IdentityIds.identifierKey("email", address))) == shard) {
                device[0] = d;
                return address;
            }
        }
    }

    private void accepted(HttpRequest.Builder request, String device, long deadline) throws InterruptedException {
        HttpRequest r = request.header("Cookie", "mautic_device_id=" + device).timeout(Duration.ofSeconds(10)).build();
        while (true) {
            try {
                int status = http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    return;
                }
                if (status / 100 == 4) {
                    throw new IllegalStateException("marker refused: " + status + " " + r.uri());
                }
            } catch (IOException notNow) {
                // the gateway is unreachable: as a 503, try again
            }
            check(deadline, "marker not accepted by the gateway");
            Thread.sleep(200);
        }
    }

    private static void check(long deadline, String what) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(what + " in time");
        }
    }
}
