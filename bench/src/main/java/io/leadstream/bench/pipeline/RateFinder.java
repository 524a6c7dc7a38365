package io.leadstream.bench.pipeline;

import static io.leadstream.bench.BenchSupport.say;

import io.leadstream.bench.BenchSmtpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CompletionException;
import org.HdrHistogram.Histogram;

/**
 * Finds the highest rate the whole system sustains: steps of fixed length at a rate doubled from
 * the start until one falls behind, then halves the gap between the last good and the first bad
 * rate until they are within a tenth. A step falls behind when any of these holds, and says which:
 * the gateway did not take the offered rate; the engine's Kafka consumer lag grew during the step;
 * not every event was stored within {@code settle} after the step; hit-to-inbox p99 over 1 s (an
 * email not there at all counts as over); the gateway's answer p99 over 50 ms. After a bad step the
 * system is let catch up before the next, so that no step pays for the one before.
 */
final class RateFinder {
    static final double MAX_INBOX_P99_MS = 1000;
    static final double MAX_GATEWAY_P99_MS = 50;
    private static final double PRECISION = 0.1;
    private static final double MIN_RATE = 5;
    private static final Duration LAG_SAMPLE = Duration.ofSeconds(1);
    private static final Duration EMAIL_WAIT = Duration.ofSeconds(10);

    /** One step's figures; {@code failed} lists the criteria it failed (empty: sustained). */
    record Step(double rate, long accepted, double acceptedPerSecond, double storedAfterSeconds, double gatewayP99Ms,
                double inboxP99Ms, int emails, int emailsLate, long lagEarly, long lagEnd, List<String> failed) {
        boolean sustained() {
            return failed.isEmpty();
        }

        JsonObject toJson() {
            return new JsonObject().put("rate", rate).put("accepted", accepted).put("acceptedPerSecond", Math.round(acceptedPerSecond))
                    .put("storedSecondsAfterLastEvent", Double.isNaN(storedAfterSeconds) ? null : round1(storedAfterSeconds))
                    .put("gatewayP99Ms", round1(gatewayP99Ms))
                    .put("hitToInboxP99Ms", Double.isInfinite(inboxP99Ms) ? null : round1(inboxP99Ms)).put("emails", emails)
                    .put("emailsNotInTime", emailsLate).put("engineLagEarly", lagEarly).put("engineLagEnd", lagEnd)
                    .put("failed", new JsonArray(failed));
        }
    }

    /** The outcome: the highest sustained rate (0: none down to the lowest tried) and every step. */
    record Result(double maxSustainedRate, double lowestTried, List<Step> steps) {
        JsonArray stepsJson() {
            JsonArray out = new JsonArray();
            steps.forEach(s -> out.add(s.toJson()));
            return out;
        }
    }

    private final DriverProcess driver;
    private final DriverLedger ledger;
    private final PipelineProgress progress;
    private final BenchSmtpServer smtp;
    private final EngineMetrics engine;
    private final Duration step;
    private final Duration settle;

    RateFinder(DriverProcess driver, DriverLedger ledger, PipelineProgress progress, BenchSmtpServer smtp, EngineMetrics engine,
               Duration step, Duration settle) {
        this.driver = driver;
        this.ledger = ledger;
        this.progress = progress;
        this.smtp = smtp;
        this.engine = engine;
        this.step = step;
        this.settle = settle;
    }

    Result find(double startRate, double maxRate, int maxSteps) throws Exception {
        List<Step> steps = new ArrayList<>();
        double good = 0;
        double bad = Double.POSITIVE_INFINITY;
        double rate = startRate;
        double lowest = startRate;
        for (int i = 1; i <= maxSteps; i++) {
            lowest = Math.min(lowest, rate);
            Step s = step(rate);
            steps.add(s);
            say("  step %d: %s", i, describe(s));
            if (s.sustained()) {
                good = Math.max(good, rate);
            } else {
                bad = Math.min(bad, rate);
                catchUp();
            }
            double next = bad == Double.POSITIVE_INFINITY ? rate * 2 : good == 0 ? rate / 2 : (good + bad) / 2;
            next = Math.round(next);
            if (bad - good <= PRECISION * good || next == rate || next == good || next == bad
                    || (good == 0 && next < MIN_RATE) || next > maxRate) {
                break;
            }
            rate = next;
        }
        say("Highest sustained rate: %s", good > 0 ? String.format("%.0f events/s", good) : "none down to " + lowest + " events/s");
        return new Result(good, lowest, steps);
    }

    private Step step(double rate) throws Exception {
        ledger.takeRecentGatewayLatency();
        int probesFrom = ledger.probeCount();
        long events = Math.max(1, Math.round(rate * step.toMillis() / 1000.0));
        long t0 = System.nanoTime();
        var run = driver.run(events, rate, step);
        long lagEarly = Long.MAX_VALUE;
        long lagEnd = -1;
        while (!run.isDone()) {
            Thread.sleep(LAG_SAMPLE.toMillis());
            long lag = lag();
            if (lag < 0) {
                continue; // not known (yet): no sample
            }
            // The lowest lag of the step's first half: where the step started from, sampling noise aside.
            if (System.nanoTime() - t0 < step.toNanos() / 2) {
                lagEarly = Math.min(lagEarly, lag);
            }
            lagEnd = lag;
        }
        lagEarly = lagEarly == Long.MAX_VALUE ? lagEnd : lagEarly;
        List<String> failed = new ArrayList<>();
        long accepted = 0;
        double seconds = step.toMillis() / 1000.0;
        try {
            DriverLog.RunEnd end = run.join();
            accepted = end.accepted();
            seconds = end.seconds();
        } catch (CompletionException e) {
            failed.add("the gateway did not take " + fmt(rate) + "/s: " + e.getCause().getMessage());
        }
        double acceptedPerSecond = accepted / seconds;
        if (failed.isEmpty() && seconds > step.toMillis() / 1000.0 * 1.1 + 1) {
            failed.add(String.format("the gateway took %.0f/s of %s/s offered", acceptedPerSecond, fmt(rate)));
        }
        if (lagEarly >= 0 && lagEnd - lagEarly > Math.max(rate, 100)) {
            failed.add(String.format("engine Kafka lag grew from %,d to %,d records", lagEarly, lagEnd));
        }
        Histogram gateway = ledger.takeRecentGatewayLatency();
        OptionalDouble stored = progress.storedWithin(settle);
        if (stored.isEmpty()) {
            failed.add("not every event stored within " + settle.toSeconds() + " s after the step");
        }
        double gatewayP99 = gateway.getValueAtPercentile(99) / 1000.0;
        if (gatewayP99 > MAX_GATEWAY_P99_MS) {
            failed.add(String.format("gateway p99 %.1f ms > %.0f ms", gatewayP99, MAX_GATEWAY_P99_MS));
        }
        List<DriverLedger.Probe> probes = ledger.probesFrom(probesFrom);
        progress.awaitEmails(probes, EMAIL_WAIT, EMAIL_WAIT);
        long[] latencies = inboxLatencies(probes);
        long late = java.util.Arrays.stream(latencies).filter(l -> l == Long.MAX_VALUE).count();
        double inboxP99 = latencies.length == 0 ? 0 : latencies[(int) Math.ceil(latencies.length * 0.99) - 1];
        if (inboxP99 > MAX_INBOX_P99_MS) {
            failed.add(late > 0 && inboxP99 == Long.MAX_VALUE
                    ? String.format("hit-to-inbox p99 over 1 s (%d of %d emails not there %d s after the step)", late, latencies.length, EMAIL_WAIT.toSeconds())
                    : String.format("hit-to-inbox p99 %.0f ms > 1 s", inboxP99));
        }
        return new Step(rate, accepted, acceptedPerSecond, stored.orElse(Double.NaN), gatewayP99,
                inboxP99 == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : inboxP99, latencies.length, (int) late, lagEarly, lagEnd, failed);
    }

    /** The records the engine's Kafka sources have yet to read; -1 when Flink does not tell. */
    private long lag() {
        try {
            Map<String, Long> pending = engine.pendingRecords();
            return pending.isEmpty() ? -1 : pending.values().stream().mapToLong(Long::longValue).sum();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Each probe's hit-to-inbox time (ms), sorted; an email that has not arrived is {@code Long.MAX_VALUE}. */
    private long[] inboxLatencies(List<DriverLedger.Probe> probes) {
        return probes.stream().mapToLong(p -> {
            Long at = smtp.firstArrival(p.address());
            return at == null ? Long.MAX_VALUE : Math.max(0, at - p.sentAt());
        }).sorted().toArray();
    }

    /** After a step that fell behind: everything stored and every email there before the next step. */
    private void catchUp() throws InterruptedException {
        double lag = progress.awaitCaughtUp(Duration.ofMinutes(20));
        progress.awaitEmails(ledger.probes(), Duration.ofMinutes(5), Duration.ofMinutes(1));
        say("    (caught up %.1f s after the step's last event)", lag);
    }

    private static String describe(Step s) {
        return String.format("%s/s offered, %.0f/s accepted; stored %s after; gateway p99 %.1f ms; hit-to-inbox p99 %s (%d emails); engine lag %s -> %s: %s",
                fmt(s.rate()), s.acceptedPerSecond(), Double.isNaN(s.storedAfterSeconds()) ? "not all" : String.format("%.1f s", s.storedAfterSeconds()),
                s.gatewayP99Ms(), Double.isInfinite(s.inboxP99Ms()) ? "n/a" : String.format("%.0f ms", s.inboxP99Ms()), s.emails(),
                s.lagEarly() < 0 ? "?" : String.format("%,d", s.lagEarly()), s.lagEnd() < 0 ? "?" : String.format("%,d", s.lagEnd()),
                s.sustained() ? "sustained" : "FELL BEHIND: " + String.join("; ", s.failed()));
    }

    private static String fmt(double rate) {
        return rate == Math.rint(rate) ? String.format("%.0f", rate) : String.format("%.1f", rate);
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
