package io.leadstream.workers;

import io.leadstream.schemas.engine.DeliveryStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Counts each message finished by its outcome ({@code leadstream_worker_sends_total{outcome}}) once it is reported. */
final class MeteredDeliveryReports implements DeliveryReports {
    private final DeliveryReports reports;
    private final Map<DeliveryStatus, Counter> byOutcome = new EnumMap<>(DeliveryStatus.class);

    MeteredDeliveryReports(DeliveryReports reports, MeterRegistry meters) {
        this.reports = reports;
        for (DeliveryStatus status : DeliveryStatus.values()) {
            byOutcome.put(status, Counter.builder("leadstream_worker_sends").description("Messages the send workers finished, by outcome")
                    .tag("outcome", status.name().toLowerCase(Locale.ROOT)).register(meters));
        }
    }

    @Override
    public void finished(OutboxMessage message, DeliveryStatus status, int attempts, String detail, Instant at, String address) {
        reports.finished(message, status, attempts, detail, at, address);
        byOutcome.get(status).increment();
    }

    @Override
    public void close() {
        reports.close();
    }
}
