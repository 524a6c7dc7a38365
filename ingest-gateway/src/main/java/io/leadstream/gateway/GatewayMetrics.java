package io.leadstream.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The gateway's metrics, scraped at {@code /metrics} in Prometheus text format: events accepted and
 * rejected, 503s, events awaiting Kafka, and from Vert.x itself every request by route, method and
 * status with its answer time (a histogram, so Prometheus computes percentiles over any set of gateways).
 */
final class GatewayMetrics {
    /** Answer times worth telling apart: a pixel's are milliseconds, a 503's the ack timeout. */
    private static final Duration FASTEST = Duration.ofMillis(1);
    private static final Duration SLOWEST = Duration.ofSeconds(10);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Counter> accepted = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Counter unavailable;

    GatewayMetrics() {
        // Of Vert.x's HTTP server meters, the two a dashboard reads: each request's bytes and the active gauges cost
        // the answer path a lookup each for figures nobody charts.
        registry.config().meterFilter(MeterFilter.denyUnless(id -> !id.getName().startsWith("vertx.")
                || id.getName().equals("vertx.http.server.requests") || id.getName().equals("vertx.http.server.response.time")));
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().startsWith("vertx.http.server.response.time")) {
                    return config;
                }
                return DistributionStatisticConfig.builder().percentilesHistogram(true)
                        .minimumExpectedValue((double) FASTEST.toNanos()).maximumExpectedValue((double) SLOWEST.toNanos())
                        .build().merge(config);
            }
        });
        // Meters after the filters: a filter configured later does not apply to the meters already there.
        new JvmMemoryMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        unavailable = Counter.builder("leadstream_gateway_unavailable").description("503 answers: Kafka did not ack in time").register(registry);
    }

    /** A Vert.x whose HTTP server counts its requests here: by route (never the raw path: ids in it), method and status. */
    Vertx newVertx() {
        MicrometerMetricsOptions options = new MicrometerMetricsOptions().setEnabled(true)
                .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE));
        for (MetricsDomain domain : MetricsDomain.values()) {
            if (domain != MetricsDomain.HTTP_SERVER) {
                options.addDisabledMetricsCategory(domain);
            }
        }
        return Vertx.builder().with(new VertxOptions().setMetricsOptions(options)).withMetrics(new MicrometerMetricsFactory(registry)).build();
    }

    void watchInFlight(Supplier<Number> inFlight) {
        Gauge.builder("leadstream_gateway_kafka_in_flight", inFlight).description("Events awaiting a Kafka ack").register(registry);
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

    PrometheusMeterRegistry registry() {
        return registry;
    }

    String scrape() {
        return registry.scrape();
    }
}
