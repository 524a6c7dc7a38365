package io.leadstream.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.stack.DashboardQueries;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A send-worker process's /health, /ready and /metrics against real Kafka, Cassandra and SMTP: ready once
 * it is in the consumer group, its sends counted by outcome, the Kafka clients' meters there, and
 * neither alive nor ready once it stops.
 */
@ExtendWith(LeadStreamStackExtension.class)
class WorkerEndpointsIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aWorkerProcessSaysWhetherItLivesAndIsReadyAndCountsItsSends(TestNamespace ns) throws Exception {
        LeadStreamConfig config = SendWorkerIT.workerConfig(ns);
        String ks = ns.keyspace();
        PrometheusMeterRegistry meters = WorkerEndpoints.registry();
        SendWorkers workers = SendWorkers.start(config, "https://t.shop.example", meters);
        boolean stopped = false;
        try (CqlSession session = ns.stack().cassandra().newSession();
             WorkerEndpoints endpoints = WorkerEndpoints.start(0, workers, meters)) {
            String base = "http://localhost:" + endpoints.port();
            await().atMost(Duration.ofSeconds(60)).until(() -> get(base + "/ready").statusCode() == 200);
            assertThat(get(base + "/ready").body()).isEqualTo("{\"status\":\"UP\"}");
            assertThat(get(base + "/health").statusCode()).isEqualTo(200);
            assertThat(get(base + "/readyish").statusCode()).as("only the paths themselves").isEqualTo(404);

            SendWorkerIT.defineEmail(session, ks, "hello", "transactional");
            List<String> contacts = IntStream.range(0, 3).mapToObj(i -> "m-" + i).toList();
            contacts.forEach(c -> SendWorkerIT.address(session, ns, c));
            EngineSends.publish(config, contacts.stream().map(c -> EngineSends.email("send-" + c, c, "hello", true, Instant.now())).toList());
            await().atMost(Duration.ofSeconds(60)).until(() -> ns.stack().smtp().receivedFor(SendWorkerIT.domain(ns)).size() == 3);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get(base + "/metrics").body())
                    .contains("leadstream_worker_sends_total{outcome=\"sent\"} 3.0")
                    .contains("leadstream_worker_sends_total{outcome=\"failed\"} 0.0")
                    .contains("leadstream_worker_in_hand 0.0")
                    .containsPattern("leadstream_worker_partitions_owned [1-9]")
                    .contains("kafka_consumer_fetch_manager_records_lag_max")
                    .contains("kafka_producer_record_error_total")
                    .contains("jvm_memory_used_bytes"));
            Set<String> exported = get(base + "/metrics").body().lines().filter(l -> !l.startsWith("#"))
                    .map(l -> l.split("[{ ]", 2)[0]).collect(Collectors.toSet());
            assertThat(exported).as("what the docker deployment's Grafana dashboard reads from the workers")
                    .containsAll(DashboardQueries.metrics("leadstream_worker_", "kafka_"));
            assertThat(get(base + "/metrics").headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));

            workers.close();
            stopped = true;
            HttpResponse<String> health = get(base + "/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("\"status\":\"DOWN\"");
            assertThat(get(base + "/ready").body()).contains("its consumer or a send thread stopped");
        } finally {
            if (!stopped) {
                workers.close();
            }
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
