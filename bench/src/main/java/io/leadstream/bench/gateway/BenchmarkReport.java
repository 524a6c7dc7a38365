package io.leadstream.bench.gateway;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The human-readable table a benchmark run prints: throughput, latency, CPU, and the Kafka check. */
final class BenchmarkReport {
    private BenchmarkReport() {}

    static String text(String header, List<LoadResult> all, int rounds, int cores, long kafkaRecords, long gatewayOk, String topic) {
        StringBuilder out = new StringBuilder("\n").append(header);
        out.append(String.format(Locale.ROOT, "%-9s %10s %8s %8s %8s %9s %8s %8s %8s%n",
                "target", "hits/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "non-200", "errors"));
        for (LoadResult r : all) {
            out.append(String.format(Locale.ROOT, "%-9s %10.0f %8.2f %8.2f %8.2f %9.2f %8.1f %8d %8d%n",
                    r.target(), r.hitsPerSecond(), r.percentileMs(50), r.percentileMs(90), r.percentileMs(99),
                    r.percentileMs(99.9), r.maxMs(), r.non200(), r.errors()));
        }
        double bareMean = mean(all, GatewayLoadBenchmark.BARE);
        double gatewayMean = mean(all, GatewayLoadBenchmark.GATEWAY);
        if (!Double.isNaN(bareMean) && !Double.isNaN(gatewayMean)) {
            out.append(String.format(Locale.ROOT, "ratio gateway/bare = %.2f   (gateway %.0f hits/s, bare %.0f hits/s%s)%n",
                    gatewayMean / bareMean, gatewayMean, bareMean, rounds > 1 ? ", means over " + rounds + " rounds" : ""));
        }
        out.append("\nCPU in cores during each window (").append(cores)
                .append(" available; the driver runs in this JVM and competes with the server):\n");
        for (LoadResult r : all) {
            out.append(String.format(Locale.ROOT, "  %-8s ", r.target()));
            out.append(r.cpuCores().entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", ")));
            out.append(String.format(Locale.ROOT, "  | total %.2f%n",
                    r.cpuCores().values().stream().mapToDouble(Double::doubleValue).sum()));
            out.append(String.format(Locale.ROOT, "           per request: server %.1f us CPU (event loops + producer thread), %.1f KB allocated; "
                            + "driver %.1f us CPU; kernel share: server loops %.0f%%, driver %.0f%%; %d GCs in the window%n",
                    r.serverMicrosPerRequest(), r.serverBytesPerRequest() / 1024, r.driverMicrosPerRequest(),
                    100 * r.systemShare().getOrDefault(CpuMeter.SERVER, Double.NaN),
                    100 * r.systemShare().getOrDefault(CpuMeter.DRIVER, Double.NaN), r.gcCount()));
            out.append("           busiest threads: ").append(String.join(", ", r.topThreads())).append('\n');
        }
        for (LoadResult r : all) {
            if (!r.errorSamples().isEmpty() || r.statuses().keySet().stream().anyMatch(s -> s != 200)) {
                out.append(String.format("  %s statuses %s errors %s%n", r.target(), r.statuses(), r.errorSamples()));
            }
        }
        if (kafkaRecords >= 0) {
            out.append(String.format(Locale.ROOT, "%nKafka check: %d records in %s vs %d gateway 200s (warm-up, window, drain, probe) -> %s%n",
                    kafkaRecords, topic, gatewayOk,
                    kafkaRecords >= gatewayOk ? "OK, every 200 is in Kafka" : "LOST " + (gatewayOk - kafkaRecords) + " acknowledged events"));
        }
        return out.toString();
    }

    static double mean(List<LoadResult> all, String target) {
        return all.stream().filter(r -> r.target().equals(target)).mapToDouble(LoadResult::hitsPerSecond).average().orElse(Double.NaN);
    }
}
