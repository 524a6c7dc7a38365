package io.leadstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.schemas.event.PageHit;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.stack.EmbeddedKafka;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A 2xx means Kafka has the event. The broker is stopped while traffic flows and started again:
 * requests during the outage get 503 with Retry-After after the ack timeout, and every request
 * that got a 2xx (before, during or after) is in the topic.
 */
@ExtendWith(LeadStreamStackExtension.class)
class GatewayDurabilityIT {

    @Test
    void everyAcknowledgedHitSurvivesABrokerRestart(TestNamespace ns) throws Exception {
        EmbeddedKafka kafka = ns.stack().kafka();
        try (GatewayFixture gw = new GatewayFixture(ns, c -> c.with(GatewayOptions.KAFKA_ACK_TIMEOUT, Duration.ofSeconds(2)))) {
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            List<Integer> outageStatuses = new ArrayList<>();
            AtomicInteger counter = new AtomicInteger();

            send(gw, counter, 100, acknowledged, null);
            assertThat(acknowledged).hasSize(100);

            kafka.stop();
            try {
                List<String> retryAfter = new ArrayList<>();
                send(gw, counter, 40, acknowledged, r -> {
                    synchronized (outageStatuses) {
                        outageStatuses.add(r.statusCode());
                        r.headers().firstValue("Retry-After").ifPresent(retryAfter::add);
                    }
                });
                assertThat(outageStatuses).as("no 2xx while the broker is down").containsOnly(503);
                assertThat(retryAfter).hasSize(40);
            } finally {
                kafka.start();
            }

            // After the restart the producer reconnects; clients retry until they get their 2xx.
            long deadline = System.currentTimeMillis() + 60_000;
            int before = acknowledged.size();
            while (acknowledged.size() < before + 100 && System.currentTimeMillis() < deadline) {
                send(gw, counter, 10, acknowledged, null);
            }
            assertThat(acknowledged.size()).isGreaterThanOrEqualTo(before + 100);

            Set<String> inKafka = gw.drain().stream().map(TrackingEvent::getPayload).map(p -> ((PageHit) p).getUrl())
                    .collect(Collectors.toSet());
            assertThat(inKafka).as("every 2xx is in Kafka").containsAll(acknowledged);
            System.out.printf("durability: %d acknowledged, %d in Kafka, %d answered 503 during the outage%n",
                    acknowledged.size(), inKafka.size(), outageStatuses.size());
        }
    }

    /** Sends {@code n} concurrent pixel hits with unique URLs, recording the URLs that got 200. */
    private static void send(GatewayFixture gw, AtomicInteger counter, int n, Set<String> acknowledged,
                             java.util.function.Consumer<HttpResponse<String>> onResponse) {
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String url = "https://durable.example/hit/" + counter.incrementAndGet();
            HttpRequest req = HttpRequest.newBuilder(URI.create(gw.url("/mtracking.gif?page_url=" + GatewayFixture.enc(url))))
                    .timeout(Duration.ofSeconds(30)).header("User-Agent", "Mozilla/5.0").GET().build();
            calls.add(gw.http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).thenAccept(r -> {
                if (r.statusCode() == 200) {
                    acknowledged.add(url);
                }
                if (onResponse != null) {
                    onResponse.accept(r);
                }
            }));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
    }
}
