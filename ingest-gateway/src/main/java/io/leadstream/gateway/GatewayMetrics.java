package io.leadstream.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The gateway's metrics, scraped at {@code /metrics} in Prometheus text format. */
final class GatewayMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Counter> accepted = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Counter unavailable;

    GatewayMetrics(Supplier<Number> inFlight) {
        new JvmMemoryMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        Gauge.builder("leadstream_gateway_kafka_in_flight", inFlight).description("Events awaiting a Kafka ack").register(registry);
        unavailable = Counter.builder("leadstream_gateway_unavailable").description("503 answers: Kafka did not ack in time").register(registry);
    }

    void accepted(String kind) {
        accepted.computeIfAbsent(kind, k -> Counter.builder("leadstream_gateway_events_accepted")
                .description("Events acknowledged by Kafka").tag("kind", k).register(registry)).increment();
    }

    void rejected(String reason) {
        rejected.computeIfAbsent(reason, r -> Counter.builder("leadstream_gateway_requests_rejected")
                .description("Requests answered without storing an event").tag("reason", r).register(registry)).increment();
    }

    void unavailable() {
        unavailable.increment();
    }

    String scrape() {
        return registry.scrape();
    }
}
