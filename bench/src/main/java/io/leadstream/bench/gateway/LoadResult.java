package io.leadstream.bench.gateway;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** One target's figures over its measurement window. */
record LoadResult(
        String target,
        double windowSeconds,
        long ok,
        long non200,
        long errors,
        Map<Integer, Long> statuses,
        Map<String, Long> errorSamples,
        Histogram latencyNanos,
        long totalOkAllPhases,
        Map<String, Double> cpuCores,
        List<String> topThreads,
        Map<String, Long> allocatedBytes,
        long gcCount,
        Map<String, Double> systemShare) {

    /** Server-side CPU per hit in microseconds: the server's event loops plus the gateway's producer thread. */
    double serverMicrosPerRequest() {
        double n = ok + non200;
        return n == 0 ? Double.NaN
                : (cpuCores.getOrDefault(CpuMeter.SERVER, 0.0) + cpuCores.getOrDefault(CpuMeter.PRODUCER, 0.0))
                        * windowSeconds * 1e6 / n;
    }

    double driverMicrosPerRequest() {
        double n = ok + non200 + errors;
        return n == 0 ? Double.NaN : cpuCores.getOrDefault(CpuMeter.DRIVER, 0.0) * windowSeconds * 1e6 / n;
    }

    /** Bytes the server's threads (event loops, producer) allocated per answered request. */
    double serverBytesPerRequest() {
        double n = ok + non200;
        return n == 0 ? Double.NaN
                : (allocatedBytes.getOrDefault(CpuMeter.SERVER, 0L) + allocatedBytes.getOrDefault(CpuMeter.PRODUCER, 0L)) / n;
    }

    double hitsPerSecond() {
        return ok / windowSeconds;
    }

    double requestsPerSecond() {
        return (ok + non200 + errors) / windowSeconds;
    }

    double percentileMs(double p) {
        return latencyNanos.getTotalCount() == 0 ? Double.NaN : latencyNanos.getValueAtPercentile(p) / 1e6;
    }

    double maxMs() {
        return latencyNanos.getTotalCount() == 0 ? Double.NaN : latencyNanos.getMaxValue() / 1e6;
    }

    double meanMs() {
        return latencyNanos.getTotalCount() == 0 ? Double.NaN : latencyNanos.getMean() / 1e6;
    }

    JsonObject toJson() {
        JsonObject statusJson = new JsonObject();
        statuses.forEach((k, v) -> statusJson.put(Integer.toString(k), v));
        JsonObject errorJson = new JsonObject();
        errorSamples.forEach(errorJson::put);
        JsonObject cpu = new JsonObject();
        cpuCores.forEach((k, v) -> cpu.put(k, round(v, 3)));
        return new JsonObject()
                .put("target", target)
                .put("windowSeconds", round(windowSeconds, 3))
                .put("hitsPerSecond", round(hitsPerSecond(), 1))
                .put("requestsPerSecond", round(requestsPerSecond(), 1))
                .put("ok", ok)
                .put("non200", non200)
                .put("errors", errors)
                .put("statuses", statusJson)
                .put("errorSamples", errorJson)
                .put("latencyMs", new JsonObject()
                        .put("mean", round(meanMs(), 3))
                        .put("p50", round(percentileMs(50), 3))
                        .put("p90", round(percentileMs(90), 3))
                        .put("p99", round(percentileMs(99), 3))
                        .put("p99.9", round(percentileMs(99.9), 3))
                        .put("max", round(maxMs(), 3))
                        .put("samples", latencyNanos.getTotalCount()))
                .put("okAllPhases", totalOkAllPhases)
                .put("cpuCores", cpu)
                .put("serverCpuMicrosPerRequest", round(serverMicrosPerRequest(), 1))
                .put("driverCpuMicrosPerRequest", round(driverMicrosPerRequest(), 1))
                .put("serverAllocatedBytesPerRequest", Math.round(serverBytesPerRequest()))
                .put("gcCount", gcCount)
                .put("kernelShareOfCpu", new JsonObject()
                        .put("server", round(systemShare.getOrDefault(CpuMeter.SERVER, Double.NaN), 3))
                        .put("driver", round(systemShare.getOrDefault(CpuMeter.DRIVER, Double.NaN), 3)))
                .put("topThreads", new io.vertx.core.json.JsonArray(List.copyOf(topThreads)));
    }

    static double round(double v, int digits) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return -1;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
