package io.leadstream.bench.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What the driver knows for certain: which events the gateway accepted (2xx or a redirect: durably
 * in Kafka), per device, and when each probe (an event whose email is expected) was first sent. The
 * checks afterwards compare Cassandra and the SMTP server against this. Filled from the driver
 * process's log ({@link DriverLog}) by one reader thread while the benchmark reads it, hence the locks.
 */
final class DriverLedger {
    /** An event expected to send an email to {@code address}; {@code sentAt} is the first attempt (epoch ms). */
    record Probe(PipelineMix.Kind kind, String address, long sentAt) {
    }

    private static final int TAIL = 256;

    private final Map<String, Integer> acceptedPerDevice = new HashMap<>();
    private final Map<PipelineMix.Kind, Long> accepted = new EnumMap<>(PipelineMix.Kind.class);
    private final List<Probe> probes = new ArrayList<>();
    private final Deque<String> tail = new ArrayDeque<>();
    private final Map<Integer, Long> statuses = new TreeMap<>();
    private final Map<String, Long> rejections = new TreeMap<>();
    private final Histogram gatewayLatency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    private final Histogram recentGatewayLatency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    private long retries;
    private long firstSentAt;
    private long lastAcceptedAt;

    synchronized void sent(long at) {
        if (firstSentAt == 0) {
            firstSentAt = at;
        }
    }

    /** {@code acceptedAt}: when the driver had the answer (epoch ms). */
    synchronized void accepted(PipelineMix.Event e, int status, long firstAttemptAt, long latencyMicros, long acceptedAt) {
        acceptedPerDevice.merge(e.deviceId(), 1, Integer::sum);
        accepted.merge(e.kind(), 1L, Long::sum);
        statuses.merge(status, 1L, Long::sum);
        gatewayLatency.recordValue(Math.min(latencyMicros, gatewayLatency.getHighestTrackableValue()));
        recentGatewayLatency.recordValue(Math.min(latencyMicros, recentGatewayLatency.getHighestTrackableValue()));
        if (e.probe() != null) {
            probes.add(new Probe(e.kind(), e.probe(), firstAttemptAt));
        }
        tail.addLast(e.deviceId());
        if (tail.size() > TAIL) {
            tail.removeFirst();
        }
        lastAcceptedAt = acceptedAt;
    }

    /** A 4xx: the gateway refused the event for good (a bug in the mix, or in the gateway). */
    synchronized void rejected(PipelineMix.Event e, int status, String reason) {
        statuses.merge(status, 1L, Long::sum);
        rejections.merge(e.kind() + " " + status + ": " + (reason.length() > 160 ? reason.substring(0, 160) : reason), 1L, Long::sum);
    }

    /** A 5xx or a broken connection: not in Kafka, tried again. */
    synchronized void retried(int status) {
        retries++;
        statuses.merge(status, 1L, Long::sum);
    }

    synchronized long acceptedTotal() {
        return accepted.values().stream().mapToLong(Long::longValue).sum();
    }

    synchronized Map<PipelineMix.Kind, Long> acceptedByKind() {
        return accepted;
    }

    synchronized Map<String, Integer> acceptedPerDevice() {
        return acceptedPerDevice;
    }

    /** A copy: the reader thread may be adding to it. */
    synchronized List<Probe> probes() {
        return List.copyOf(probes);
    }

    /** The probes accepted since the first {@code from} of them. */
    synchronized List<Probe> probesFrom(int from) {
        return List.copyOf(probes.subList(Math.min(from, probes.size()), probes.size()));
    }

    synchronized int probeCount() {
        return probes.size();
    }

    /** The gateway's answer times (µs) since the last call: one step of a search for the highest rate. */
    synchronized Histogram takeRecentGatewayLatency() {
        Histogram h = recentGatewayLatency.copy();
        recentGatewayLatency.reset();
        return h;
    }

    /** The devices of the last accepted events: when these are in Cassandra, the pipeline has caught up. */
    synchronized List<String> tail() {
        return List.copyOf(tail);
    }

    synchronized Map<Integer, Long> statuses() {
        return statuses;
    }

    synchronized Map<String, Long> rejections() {
        return rejections;
    }

    synchronized long retries() {
        return retries;
    }

    synchronized Histogram gatewayLatency() {
        return gatewayLatency;
    }

    synchronized long firstSentAt() {
        return firstSentAt;
    }

    synchronized long lastAcceptedAt() {
        return lastAcceptedAt;
    }
}
