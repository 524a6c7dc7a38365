package io.leadstream.bench.pipeline;

import static io.leadstream.bench.BenchSupport.say;

import io.leadstream.bench.BenchSupport;
import io.leadstream.bench.OutputFlow;
import io.leadstream.bench.PassThroughJob;
import io.leadstream.bench.gateway.BareGifServer;
import io.leadstream.bench.identity.IdentityWorkload;
import io.leadstream.common.config.CassandraOptions;
import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.kafka.TopicAdmin;
import io.leadstream.email.LinkOptions;
import io.leadstream.gateway.GatewayOptions;
import io.leadstream.jobs.EngineJob;
import io.leadstream.jobs.EngineOptions;
import io.leadstream.stack.ProcessMemory;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.HdrHistogram.Histogram;
import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The whole pipeline on this machine: the mix of {@link PipelineMix} sent through the gateway at a
 * fixed rate, through Kafka, the engine, Cassandra, the send workers and SMTP. Reports the end-to-end
 * rate (accepted events, first sent to the last one stored in Cassandra), hit-to-inbox latency for a
 * "send at once" campaign (sign-up form) and for a segment entry (newsletter), CPU and memory per
 * component (the load driver, a process of its own, apart from the system's total), Cassandra
 * requests, Kafka records and engine network records per event, and, in the same run, the ceilings:
 * a pass-through Flink job over the same raw events and a bare Vert.x GIF server under the same
 * driver. With {@code --find-max} it first searches for the highest rate the system sustains
 * ({@link RateFinder}) and measures at that rate.
 *
 * <pre>bin/leadstream bench-pipeline [--rate 100 --duration 120s --warmup 60s --devices 1000000] [--find-max --step 25s]</pre>
 */
@Command(name = "pipeline-benchmark", mixinStandardHelpOptions = true,
        description = "Events/s and hit-to-inbox latency through the whole system, beside a pass-through Flink job and a bare GIF server.")
public final class PipelineBenchmark implements Callable<Integer> {
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    @Option(names = "--rate", defaultValue = "100",
            description = "Events a second the driver offers (with --find-max: the warm-up's rate and the search's first step). Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--duration", defaultValue = "120s", converter = BenchSupport.DurationConverter.class,
            description = "Measured load at --rate (with --find-max: at the highest sustained rate). Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--find-max", description = "Before the measured window, find the highest sustained rate: steps doubling from --rate, then halving the gap.")
    boolean findMax;

    /** Long enough that a step's hit-to-inbox p99 stands on some 900 emails at 300/s, not on a handful. */
    @Option(names = "--step", defaultValue = "60s", converter = BenchSupport.DurationConverter.class,
            description = "With --find-max: each step's length. Default: ${DEFAULT-VALUE}.")
    Duration step;

    @Option(names = "--settle", defaultValue = "5s", converter = BenchSupport.DurationConverter.class,
            description = "With --find-max: a step's events must all be stored this long after its last one. Default: ${DEFAULT-VALUE}.")
    Duration settle;

    @Option(names = "--max-steps", defaultValue = "12", description = "With --find-max: steps at most. Default: ${DEFAULT-VALUE}.")
    int maxSteps;

    @Option(names = "--max-rate", defaultValue = "50000", description = "With --find-max: no step above this rate. Default: ${DEFAULT-VALUE}.")
    double maxRate;

    @Option(names = "--warmup", defaultValue = "60s", converter = BenchSupport.DurationConverter.class,
            description = "Load at --rate first, not measured (the JVMs compile their hot paths). Default: ${DEFAULT-VALUE}.")
    Duration warmup;

    @Option(names = "--idle-settle", defaultValue = "30s", converter = BenchSupport.DurationConverter.class,
            description = "Pause between the measured load and the idle window. Default: ${DEFAULT-VALUE}.")
    Duration idleSettle;

    @Option(names = "--idle", defaultValue = "20s", converter = BenchSupport.DurationConverter.class,
            description = "After the measured load and --idle-settle, no load at all: what each component costs when nothing happens. Default: ${DEFAULT-VALUE}.")
    Duration idle;

    @Option(names = "--devices", defaultValue = "1000000", description = "Devices the page hits, opens and clicks come from. Default: ${DEFAULT-VALUE}.")
    int devices;

    @Option(names = "--workers", defaultValue = "2", description = "Send-worker processes. Default: ${DEFAULT-VALUE}.")
    int workers;

    @Option(names = "--worker-threads", defaultValue = "16", description = "worker.count of each. Default: ${DEFAULT-VALUE}.")
    int workerThreads;

    /** The engine's own default: a heap backend's checkpoint copies all state, an idle cost that grows with it. */
    @Option(names = "--state-backend", defaultValue = "rocksdb", description = "engine.state-backend. Default: ${DEFAULT-VALUE}.")
    String stateBackend;

    /** A scaling run: the same load on fewer or more engine subtasks (capacity planning, docs/capacity.md). */
    @Option(names = "--engine-parallelism", defaultValue = "2", description = "engine.parallelism. Default: ${DEFAULT-VALUE}.")
    int engineParallelism;

    @Option(names = "--ceiling-events", defaultValue = "300000",
            description = "Hits sent to the bare GIF server (closed loop), and raw events through the pass-through job. Default: ${DEFAULT-VALUE}.")
    int ceilingEvents;

    @Option(names = "--keep-logs", description = "Keep the parts' logs after a run that passed too (a failed run's are always kept).")
    boolean keepLogs;

    @Option(names = "--results", defaultValue = "bench/results/pipeline.json", description = "JSON-lines file the figures are appended to. Default: ${DEFAULT-VALUE}.")
    Path results;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PipelineBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("leadstream-pipeline-bench");
        say("Starting the whole system in %s ...", dir);
        DriverLedger ledger = new DriverLedger();
        int code = 1;
        try {
            // The ceilings first, on the same machine with nothing else busy: the same driver at a GIF
            // server that does nothing else, then the engine's source and sink alone.
            double bare = bareGif(dir);
            try (PipelineSystem system = PipelineSystem.start(dir, new PipelineSystem.Settings(workers, workerThreads,
                    Duration.ofSeconds(30), CHECKPOINT_INTERVAL, stateBackend, engineParallelism));
                 PipelineProgress progress = new PipelineProgress(system, ledger);
                 BenchSupport.EndOffsets offsets = new BenchSupport.EndOffsets(system.config().get(KafkaOptions.BOOTSTRAP_SERVERS))) {
                double passThrough = passThrough(system);
                system.startEngineAndWorkers();
                LeadStreamConfig config = system.config();
                String token = config.get(GatewayOptions.API_TOKEN);
                PipelineDefinitions.apply(system.gatewayUrl(), token);
                Thread.sleep(3000); // the engine and the gateway read the definitions topic
                try (DriverProcess driver = DriverProcess.ofMix(dir, system.gatewayPort(), devices, 42,
                        config.get(LinkOptions.TOKEN_SECRET), "p", 256, ledger)) {
                    code = measure(system, progress, offsets, driver, ledger, config, passThrough, bare);
                    return code;
                }
            }
        } finally {
            if (code != 0 || keepLogs) {
                say("Logs of this %s kept in %s", code != 0 ? "failed run" : "run", BenchSupport.keepLogs(dir));
            }
            BenchSupport.deleteRecursively(dir);
        }
    }

    private int measure(PipelineSystem system, PipelineProgress progress, BenchSupport.EndOffsets offsets, DriverProcess driver,
                        DriverLedger ledger, LeadStreamConfig config, double passThrough, double bare) throws Exception {
        ComponentUsage usage = new ComponentUsage(system, driver::pid);
        EngineMetrics engine = EngineMetrics.of(system.stack().flink().restAddress(), EngineJob.NAME);
        SystemCounters counters = new SystemCounters(progress.session(), progress::ownRequests, config.get(CassandraOptions.KEYSPACE),
                offsets, engine);

        say("Warm-up: %.0f events/s for %s", rate, warmup);
        await(driver.run((long) (rate * warmup.toSeconds()), rate, Duration.ofMinutes(2)), "warm-up");
        double caughtUp = progress.awaitCaughtUp(Duration.ofMinutes(10));
        say("  warm-up stored %.1f s after its last event", caughtUp);
        progress.awaitEmails(Duration.ofMinutes(5));
        RateFinder.Result found = null;
        double measuredRate = rate;
        if (findMax) {
            say("Finding the highest sustained rate: steps of %s from %.0f events/s", step, rate);
            found = new RateFinder(driver, ledger, progress, system.smtp(), engine, step, settle).find(rate, maxRate, maxSteps);
            measuredRate = found.maxSustainedRate() > 0 ? found.maxSustainedRate() : found.lowestTried();
            // The measured window starts from a system at rest, as after the warm-up.
            progress.awaitCaughtUp(Duration.ofMinutes(20));
            progress.awaitEmails(Duration.ofMinutes(5));
        }

        long before = ledger.acceptedTotal();
        long measuredFrom = System.currentTimeMillis();
        SystemCounters.Snapshot countersFrom = counters.read();
        ledger.takeRecentGatewayLatency();
        Map<String, Long> cpuFrom = usage.cpu();
        ComponentUsage.ThreadTimes threadsFrom = usage.threadCpu();
        Map<String, Map<String, Long>> kindsFrom = usage.jvmThreadKinds();
        say("Measured: %.0f events/s for %s", measuredRate, duration);
        long t0 = System.nanoTime();
        await(driver.run((long) (measuredRate * duration.toSeconds()), measuredRate, Duration.ofMinutes(10)), "measured load");
        double sendSeconds = (System.nanoTime() - t0) / 1e9;
        double lag = progress.awaitCaughtUp(Duration.ofMinutes(20));
        double endToEndSeconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Long> cpuTo = usage.cpu();
        JsonObject jvmShares = ComponentUsage.jvmShares(kindsFrom, usage.jvmThreadKinds());
        Map<String, Long> rss = usage.rss();
        Histogram gatewayMeasured = ledger.takeRecentGatewayLatency();
        long events = ledger.acceptedTotal() - before;
        double endToEnd = events / endToEndSeconds;
        say("  %,d events accepted in %.1f s (%.0f/s); all stored %.1f s after the last: %.0f events/s end to end",
                events, sendSeconds, events / sendSeconds, lag, endToEnd);

        progress.awaitEmails(Duration.ofMinutes(5));
        // Views the engine writes when a checkpoint completes come one interval after their events.
        Thread.sleep(CHECKPOINT_INTERVAL.toMillis() + 2000);
        JsonObject perEvent = SystemCounters.perEvent(countersFrom, counters.read(), events);

        // Idle last, after a pause: a JVM goes on compiling what the load made hot for a while after it,
        // a cost that a system running for days pays once, not at rest.
        Thread.sleep(idleSettle.toMillis());
        Map<String, Long> idleFrom = usage.cpu();
        Map<String, Map<String, Long>> idleKindsFrom = usage.jvmThreadKinds();
        ComponentUsage.ThreadTimes idleThreadsFrom = usage.threadCpu();
        Thread.sleep(idle.toMillis());
        Map<String, Double> idleCores = ComponentUsage.cores(idleFrom, usage.cpu(), idle.toMillis() / 1000.0);
        JsonObject idleJvmShares = ComponentUsage.jvmShares(idleKindsFrom, usage.jvmThreadKinds());
        JsonObject idleThreads = ComponentUsage.busiest(idleThreadsFrom, usage.threadCpu(), idle.toMillis() / 1000.0, 15);
        say("Idle for %s, %s after the measured load (no load): cores %s; all %.2f", idle, idleSettle, rounded(idleCores),
                ComponentUsage.all(idleCores));
        ProbeEmails.Outcome emails = ProbeEmails.check(ledger.probes(), system.smtp());
        List<DriverLedger.Probe> measuredProbes = ledger.probes().stream().filter(p -> p.sentAt() >= measuredFrom).toList();
        ProbeEmails.Outcome measuredEmails = ProbeEmails.check(measuredProbes, system.smtp());
        EventsInCassandra.Reflection stored = progress.compare();
        Map<String, Long> outcomes = progress.outboxOutcomes();
        if (!emails.exactlyOnce()) {
            say("  missing emails, e.g. %s; outbox outcomes %s", emails.missingExamples(), outcomes);
        }
        say("Correctness: %,d of %,d accepted events in Cassandra (%,d missing, %,d extra); emails %,d once, %,d missing, %,d twice or more",
                stored.found(), stored.expected(), stored.missing(), stored.extra(), emails.once(), emails.missing(), emails.duplicated());

        Map<String, Double> cores = ComponentUsage.cores(cpuFrom, cpuTo, endToEndSeconds);
        JsonObject line = report(config, events, sendSeconds, lag, endToEnd, measuredEmails, emails, stored,
                cores, cpuFrom, cpuTo, rss, passThrough, bare, ledger)
                .put("outboxOutcomes", new JsonObject(new java.util.LinkedHashMap<>(outcomes)))
                .put("idleCores", rounded(idleCores))
                .put("jvmSharesMeasured", jvmShares)
                .put("jvmSharesIdle", idleJvmShares)
                .put("busiestThreadsOfThisJvmIdle", idleThreads)
                .put("gatewayStatuses", new JsonObject(ledger.statuses().entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(e -> String.valueOf(e.getKey()), e -> (Object) e.getValue()))))
                .put("rejections", new JsonObject(new java.util.LinkedHashMap<>(ledger.rejections())))
                .put("busiestThreadsOfThisJvm", ComponentUsage.busiest(threadsFrom, usage.threadCpu(), endToEndSeconds, 15))
                .put("gatewayLatencyMsMeasured", percentiles(gatewayMeasured, 1000.0))
                .put("measuredRate", measuredRate)
                .put("maxSustainedRate", found == null ? null : found.maxSustainedRate())
                .put("allCores", round(ComponentUsage.all(cores), 2))
                .put("allCpuMsPerEvent", round(ComponentUsage.all(cpuMsPerEvent(cpuFrom, cpuTo, events)), 3))
                .put("allIdleCores", round(ComponentUsage.all(idleCores), 2));
        line.mergeIn(perEvent);
        if (found != null) {
            line.put("findMax", new JsonObject().put("step", step.toString()).put("settle", settle.toString())
                    .put("criteria", new JsonObject().put("hitToInboxP99Ms", RateFinder.MAX_INBOX_P99_MS)
                            .put("gatewayP99Ms", RateFinder.MAX_GATEWAY_P99_MS))
                    .put("steps", found.stepsJson()));
        }
        summary(cores, cpuMsPerEvent(cpuFrom, cpuTo, events), idleCores, rss, found, measuredRate, endToEnd, measuredEmails, gatewayMeasured);
        say("%s", line.encodePrettily());
        BenchSupport.appendJsonLine(results, line);
        return stored.complete() && emails.exactlyOnce() ? 0 : 2;
    }

    private static Map<String, Double> cpuMsPerEvent(Map<String, Long> from, Map<String, Long> to, long events) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        to.forEach((k, v) -> out.put(k, (v - from.getOrDefault(k, 0L)) / 1e6 / events));
        return out;
    }

    /** The figures a reader compares first, as a table. */
    private static void summary(Map<String, Double> cores, Map<String, Double> cpuMs, Map<String, Double> idleCores, Map<String, Long> rss,
                                RateFinder.Result found, double measuredRate, double endToEnd, ProbeEmails.Outcome emails, Histogram gateway) {
        if (found != null) {
            say("Highest sustained rate: %s (%d steps); measured at %.0f events/s", found.maxSustainedRate() > 0
                    ? String.format("%.0f events/s", found.maxSustainedRate()) : "none down to " + found.lowestTried() + " events/s",
                    found.steps().size(), measuredRate);
        }
        say("End to end %.0f events/s; gateway answer p50 %.1f ms, p99 %.1f ms", endToEnd, gateway.getValueAtPercentile(50) / 1000.0,
                gateway.getValueAtPercentile(99) / 1000.0);
        emails.latencies().forEach((kind, h) -> say("%s -> inbox: p50 %d ms, p99 %d ms (%d emails)",
                kind == PipelineMix.Kind.FORM_SIGNUP ? "sign-up" : "segment entry", h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getTotalCount()));
        say("%-40s %10s %10s %10s %10s", "component", "cores", "CPU ms/ev", "idle cores", "RSS");
        cores.forEach((k, v) -> say("%-40s %10.2f %10.3f %10.2f %10s", k, v, cpuMs.getOrDefault(k, 0.0), idleCores.getOrDefault(k, 0.0),
                rss.containsKey(k) ? String.valueOf(ProcessMemory.mib(rss.get(k))) : ""));
        say("%-40s %10.2f %10.3f %10.2f", ComponentUsage.ALL, ComponentUsage.all(cores), ComponentUsage.all(cpuMs), ComponentUsage.all(idleCores));
    }

    /** The engine's source and sink alone, over synthetic raw events on a topic of their own: events/s. */
    private double passThrough(PipelineSystem system) throws Exception {
        LeadStreamConfig config = system.config().with(KafkaOptions.TOPIC_PREFIX, "pipe-ceiling.")
                .with(EngineOptions.GROUP_ID, "bench-pass-through").with(EngineOptions.CHECKPOINT_DIR, "");
        TopicAdmin.ensureTopics(config);
        String out = "pipe-ceiling.pass-through";
        system.stack().kafka().createTopics(config.get(KafkaOptions.PARTITIONS), List.of(out));
        IdentityWorkload.Counts counts = IdentityWorkload.produce(config, Math.min(devices, ceilingEvents / 2), ceilingEvents, 10, 11);
        StreamExecutionEnvironment env = EngineJob.environment(config);
        PassThroughJob.build(env, config, out);
        JobID job = system.stack().flink().submit(env, "pass-through");
        try {
            OutputFlow flow = OutputFlow.await(config.get(KafkaOptions.BOOTSTRAP_SERVERS), List.of(), out, counts.events(), "pass-through");
            double perSecond = (counts.events() - flow.firstRecords()) / flow.seconds();
            say("Ceiling: pass-through Flink job (Kafka to Kafka), %,d raw events: %.0f events/s", counts.events(), perSecond);
            return perSecond;
        } finally {
            system.stack().flink().cancel(job);
        }
    }

    /** The same driver (a process of its own), page hits only, as fast as its connections allow, at a GIF server that does nothing else. */
    private double bareGif(Path dir) throws Exception {
        try (BareGifServer bare = new BareGifServer().start("127.0.0.1");
             DriverProcess driver = DriverProcess.ofPageHits(dir, bare.port(), devices, 7, 64)) {
            await(driver.run(ceilingEvents / 4, Double.POSITIVE_INFINITY, Duration.ofMinutes(2)), "bare warm-up");
            DriverLog.RunEnd run = await(driver.run(ceilingEvents, Double.POSITIVE_INFINITY, Duration.ofMinutes(5)), "bare GIF server");
            double perSecond = run.accepted() / run.seconds();
            say("Ceiling: bare Vert.x GIF server, same driver, page hits: %.0f hits/s", perSecond);
            return perSecond;
        }
    }

    private JsonObject report(LeadStreamConfig config, long events, double sendSeconds, double lag, double endToEnd,
                              ProbeEmails.Outcome measured, ProbeEmails.Outcome all, EventsInCassandra.Reflection stored,
                              Map<String, Double> cores, Map<String, Long> cpuFrom, Map<String, Long> cpuTo, Map<String, Long> rss,
                              double passThrough, double bare, DriverLedger ledger) {
        JsonObject latency = new JsonObject();
        measured.latencies().forEach((kind, h) -> latency.put(kind == PipelineMix.Kind.FORM_SIGNUP ? "signupToInbox" : "segmentEntryToInbox",
                percentiles(h)));
        JsonObject cpuPerEvent = new JsonObject();
        cpuMsPerEvent(cpuFrom, cpuTo, events).forEach((k, v) -> cpuPerEvent.put(k, round(v, 3)));
        JsonObject coresJson = rounded(cores);
        JsonObject rssJson = new JsonObject();
        rss.forEach((k, v) -> rssJson.put(k, ProcessMemory.mib(v)));
        JsonObject line = new JsonObject()
                .put("benchmark", "pipeline")
                .put("timestamp", java.time.Instant.now().toString())
                .put("settings", new JsonObject().put("rate", rate).put("findMax", findMax).put("duration", duration.toString()).put("warmup", warmup.toString())
                        .put("devices", devices).put("workers", workers).put("workerThreads", workerThreads).put("stateBackend", stateBackend).put("engineParallelism", engineParallelism)
                        .put("mixPerMille", mix()))
                .put("machine", BenchSupport.machine())
                .put("events", events)
                .put("acceptedPerSecond", round(events / sendSeconds, 0))
                .put("endToEndPerSecond", round(endToEnd, 0))
                .put("storedSecondsAfterLastEvent", round(lag, 1))
                .put("latencyMs", latency)
                .put("probeEmails", new JsonObject().put("measured", measured.expected()).put("all", all.expected()).put("once", all.once())
                        .put("missing", all.missing()).put("duplicated", all.duplicated()))
                .put("eventsInCassandra", new JsonObject().put("expected", stored.expected()).put("found", stored.found())
                        .put("missing", stored.missing()).put("extra", stored.extra()))
                .put("gatewayLatencyMs", percentiles(ledger.gatewayLatency(), 1000.0))
                .put("cores", coresJson)
                .put("cpuMsPerEvent", cpuPerEvent)
                .put("rss", rssJson)
                .put("ceilings", new JsonObject().put("passThroughEventsPerSecond", round(passThrough, 0)).put("bareGifHitsPerSecond", round(bare, 0))
                        .put("endToEndOverPassThrough", round(endToEnd / passThrough, 3)).put("endToEndOverBareGif", round(endToEnd / bare, 3)));
        return line;
    }

    private static JsonObject rounded(Map<String, Double> cores) {
        JsonObject out = new JsonObject();
        cores.forEach((k, v) -> out.put(k, round(v, 2)));
        return out;
    }

    private static JsonObject mix() {
        JsonObject m = new JsonObject();
        for (PipelineMix.Kind k : PipelineMix.Kind.values()) {
            m.put(k.name().toLowerCase(), k.perMille);
        }
        return m;
    }

    private static JsonObject percentiles(Histogram h) {
        return percentiles(h, 1.0);
    }

    private static JsonObject percentiles(Histogram h, double unitsPerMs) {
        return new JsonObject().put("count", h.getTotalCount())
                .put("p50", round(h.getValueAtPercentile(50) / unitsPerMs, 1))
                .put("p99", round(h.getValueAtPercentile(99) / unitsPerMs, 1))
                .put("p999", round(h.getValueAtPercentile(99.9) / unitsPerMs, 1))
                .put("max", round(h.getMaxValue() / unitsPerMs, 1));
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    static DriverLog.RunEnd await(CompletableFuture<DriverLog.RunEnd> f, String what) throws Exception {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(what + ": " + e.getCause().getMessage(), e.getCause());
        }
    }
}
