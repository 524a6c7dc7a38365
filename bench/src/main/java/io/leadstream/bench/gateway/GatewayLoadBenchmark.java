package io.leadstream.bench.gateway;

import static io.leadstream.bench.BenchSupport.say;

import io.leadstream.bench.BenchSupport;
import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.common.kafka.TopicAdmin;
import io.leadstream.gateway.GatewayOptions;
import io.leadstream.gateway.GatewayServer;
import io.leadstream.stack.EmbeddedKafka;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Load driver (not a test, not JMH) for the ingest gateway's {@code GET /mtracking.gif} on a real
 * embedded Kafka broker, measured beside a bare Vert.x server that answers the same GIF with the
 * same headers: the ceiling of what Vert.x serves on this machine under the same driver.
 *
 * <p>Everything runs on one machine: the driver, both servers and the broker (a child JVM) share
 * its cores, so absolute figures understate a dedicated server; the gateway/bare ratio, measured
 * under the same conditions, is the figure to compare across changes. A final check counts the
 * records in the raw-events topic against the 200s the gateway answered: every 200 must be in Kafka.
 *
 * <pre>
 * mvn -B -o -q install -DskipTests -pl bench
 * java -cp "bench/target/classes:$(cat bench/target/runtime.classpath)" \
 *     io.leadstream.bench.gateway.GatewayLoadBenchmark --duration 15s --warmup 5s
 * </pre>
 */
@Command(name = "gateway-load-benchmark", mixinStandardHelpOptions = true,
        description = "Hits/s and latency of GET /mtracking.gif: gateway (Vert.x + Avro + Kafka acks=all) vs a bare Vert.x GIF server.")
public final class GatewayLoadBenchmark implements Callable<Integer> {
    static final String BARE = "bare";
    static final String GATEWAY = "gateway";
    private static final String HOST = "127.0.0.1";
    static final String PAGE_ALIAS = "bench-offer";

    @Option(names = "--duration", defaultValue = "20s", converter = BenchSupport.DurationConverter.class,
            description = "Measurement window per target and round (e.g. 20s, 1m). Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "5s", converter = BenchSupport.DurationConverter.class,
            description = "Load before each measurement window, not counted. Default: ${DEFAULT-VALUE}.")
    Duration warmup;

    @Option(names = "--prewarm", defaultValue = "45s", converter = BenchSupport.DurationConverter.class,
            description = "Unmeasured load on each target once, before round 1, so the JIT has compiled the shared "
                    + "driver and Vert.x code before either target is measured. Default: ${DEFAULT-VALUE}.")
    Duration prewarm;

    @Option(names = "--connections", defaultValue = "64", description = "Keep-alive connections. Default: ${DEFAULT-VALUE}.")
    int connections;

    @Option(names = "--pipelining", defaultValue = "1",
            description = "HTTP/1.1 requests outstanding per connection (1 = no pipelining). Default: ${DEFAULT-VALUE}.")
    int pipelining;

    @Option(names = "--rate", defaultValue = "0",
            description = "Open loop at this many requests/s (latency from the scheduled send time); 0 = closed loop. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--driver-threads", defaultValue = "1", description = "Event loops of the driver's own Vertx. Default: ${DEFAULT-VALUE}.")
    int driverThreads;

    @Option(names = "--devices", defaultValue = "10000", description = "Distinct device-id cookies the hits rotate through. Default: ${DEFAULT-VALUE}.")
    int devices;

    @Option(names = "--targets", defaultValue = "bare,gateway", split = ",",
            description = "Targets in the order they are loaded, each round: bare, gateway. Default: ${DEFAULT-VALUE}.")
    List<String> targets;

    @Option(names = "--rounds", defaultValue = "1", description = "Repeat the targets this many times (alternating). Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--set", description = "LeadStream config override for the gateway, key=value (e.g. kafka.partitions=8). Repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--route", defaultValue = "pixel",
            description = "What is asked: pixel (GET /mtracking.gif, each hit published to Kafka) or page (a landing page with a form, "
                    + "GET /" + PAGE_ALIAS + ", served from memory). Default: ${DEFAULT-VALUE}.")
    String route;

    @Option(names = "--results",
            description = "JSON-lines file the run's figures are appended to. Default: bench/results/gateway-{route}.json.")
    Path results;

    public static void main(String[] args) {
        int code = new CommandLine(new GatewayLoadBenchmark()).execute(args);
        System.exit(code);
    }

    @Override
    public Integer call() throws Exception {
        for (String t : targets) {
            if (!t.equals(BARE) && !t.equals(GATEWAY)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "Unknown target " + t + " (bare, gateway)");
            }
        }
        if (!route.equals("pixel") && !route.equals("page")) {
            throw new CommandLine.ParameterException(new CommandLine(this), "Unknown route " + route + " (pixel, page)");
        }
        boolean page = route.equals("page");
        if (results == null) {
            results = Path.of("bench/results/gateway-" + route + ".json");
        }
        Path dir = Files.createTempDirectory("leadstream-gateway-bench");
        String token = randomHex(16);
        EmbeddedKafka kafka = null;
        GatewayServer gateway = null;
        AutoCloseable bare = null;
        Vertx driverVertx = null;
        try {
            say("Starting embedded Kafka in %s ...", dir);
            kafka = BenchSupport.startKafka(dir);
            LeadStreamConfig config = LeadStreamConfig.empty()
                    .with(KafkaOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers())
                    .with(KafkaOptions.TOPIC_PREFIX, "bench.")
                    .with(GatewayOptions.HOST, HOST)
                    .with(GatewayOptions.PORT, 0)
                    // Secrets the gateway requires; by key, so the driver builds against any version of the options.
                    .withAll(LeadStreamConfig.fromMap(Map.of(
                            "api.token", token,
                            "gateway.token-secret", randomHex(32))))
                    .withAll(LeadStreamConfig.fromMap(overrides));
            TopicAdmin.ensureTopics(config);
            gateway = new GatewayServer(config).start();
            driverVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(driverThreads));
            List<Context> contexts = driverContexts(driverVertx, driverThreads);
            String path = null;
            int bodyBytes = BareGifServer.GIF.length;
            int barePort;
            if (page) {
                BenchLandingPage.define(gateway.baseUrl(), token);
                BenchLandingPage.Answer answer = BenchLandingPage.fetch(driverVertx, HOST, gateway.port(), "/" + PAGE_ALIAS);
                BarePageServer server = new BarePageServer(answer.body(), answer.headers()).start(HOST);
                bare = server;
                barePort = server.port();
                path = "/" + PAGE_ALIAS;
                bodyBytes = answer.body().length();
            } else {
                BareGifServer server = new BareGifServer().start(HOST);
                bare = server;
                barePort = server.port();
            }
            CpuMeter cpu = new CpuMeter(kafka.pid());

            int cores = Runtime.getRuntime().availableProcessors();
            say("Kafka %s (pid %d), topic %s with %d partitions; gateway :%d; bare :%d",
                    kafka.bootstrapServers(), kafka.pid(), TopicNames.from(config).rawEvents(),
                    config.get(KafkaOptions.PARTITIONS), gateway.port(), barePort);
            say("probe bare    -> %s", LoadDriver.probe(driverVertx, HOST, barePort, path));
            String gatewayProbe = LoadDriver.probe(driverVertx, HOST, gateway.port(), path);
            say("probe gateway -> %s", gatewayProbe);
            long gatewayOkTotal = !page && gatewayProbe.startsWith("200 ") ? 1 : 0; // the probe's event is in Kafka too
            LoadDriver.Settings settings = new LoadDriver.Settings(connections, pipelining, driverThreads, rate,
                    warmup, duration, devices, path, bodyBytes);
            say("Driver: %d connections x %d outstanding each (%s), %d driver event loop(s), %d device ids; "
                            + "warm-up %ss, window %ss per target; %d cores shared by driver, servers and broker.",
                    connections, pipelining, rate > 0 ? "open loop at " + (long) rate + " req/s" : "closed loop",
                    driverThreads, devices, warmup.toMillis() / 1000.0, duration.toMillis() / 1000.0, cores);

            LoadDriver driver = new LoadDriver(driverVertx, contexts, settings, cpu);
            if (!prewarm.isZero()) {
                LoadDriver prewarmer = new LoadDriver(driverVertx, contexts, settings.withTimes(prewarm, Duration.ZERO), cpu);
                for (String target : new java.util.LinkedHashSet<>(targets)) {
                    say("JIT pre-warm: %s for %ss ...", target, prewarm.toMillis() / 1000.0);
                    LoadResult r = prewarmer.run(target, HOST, target.equals(BARE) ? barePort : gateway.port());
                    if (target.equals(GATEWAY) && !page) {
                        gatewayOkTotal += r.totalOkAllPhases();
                    }
                }
            }
            List<LoadResult> all = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                List<String> order = new ArrayList<>(targets);
                if (round % 2 == 0) {
                    java.util.Collections.reverse(order); // alternate, so neither target always goes first
                }
                for (String target : order) {
                    int port = target.equals(BARE) ? barePort : gateway.port();
                    say("round %d/%d: %s ...", round, rounds, target);
                    LoadResult r = driver.run(target, HOST, port);
                    all.add(r);
                    if (target.equals(GATEWAY) && !page) {
                        gatewayOkTotal += r.totalOkAllPhases();
                    }
                    say("  %s: %.0f hits/s, p50 %.2f ms, p99 %.2f ms, non-200 %d, errors %d", target, r.hitsPerSecond(),
                            r.percentileMs(50), r.percentileMs(99), r.non200(), r.errors());
                    if (target.equals(GATEWAY) && !page) {
                        say("  %s", ProducerStats.read("leadstream-gateway"));
                    }
                }
            }

            // Close the gateway first: its producer flushes, so everything acknowledged is countable.
            String rawEvents = TopicNames.from(config).rawEvents();
            gateway.close();
            gateway = null;
            long kafkaRecords = targets.contains(GATEWAY) && !page ? BenchSupport.endOffsetSum(kafka.bootstrapServers(), rawEvents) : -1;

            String header = String.format(Locale.ROOT, "GET %s  %d connections x %d pipelined, %s, %d driver loop(s), window %.0fs, warm-up %.0fs (+%.0fs JIT pre-warm)%n",
                    page ? "/" + PAGE_ALIAS + " (" + bodyBytes + " bytes)" : "/mtracking.gif", connections, pipelining,
                    rate > 0 ? "open loop " + (long) rate + "/s" : "closed loop", driverThreads,
                    duration.toMillis() / 1000.0, warmup.toMillis() / 1000.0, prewarm.toMillis() / 1000.0);
            String report = BenchmarkReport.text(header, all, rounds, cores, kafkaRecords, gatewayOkTotal, rawEvents);
            System.out.println(report);
            appendJson(all, kafkaRecords, gatewayOkTotal, cores, config, bodyBytes);
            boolean lost = targets.contains(GATEWAY) && !page && kafkaRecords < gatewayOkTotal;
            return lost ? 2 : 0;
        } finally {
            if (driverVertx != null) {
                driverVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            if (bare != null) {
                bare.close();
            }
            if (gateway != null) {
                gateway.close();
            }
            if (kafka != null) {
                kafka.stop();
            }
            BenchSupport.deleteRecursively(dir);
        }
    }

    /** One event-loop context per driver thread (a Vertx created outside a verticle reuses a single one). */
    private static List<Context> driverContexts(Vertx vertx, int count) throws Exception {
        List<Context> contexts = new CopyOnWriteArrayList<>();
        vertx.deployVerticle(() -> new VerticleBase() {
            @Override
            public Future<?> start() {
                // Named apart from the servers' vert.x-eventloop-thread-N, for profilers and thread dumps.
                Thread.currentThread().setName("driver-eventloop-" + contexts.size());
                contexts.add(context);
                return Future.succeededFuture();
            }
        }, new DeploymentOptions().setInstances(count)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return contexts;
    }

    private void appendJson(List<LoadResult> all, long kafkaRecords, long gatewayOk, int cores, LeadStreamConfig config, int bodyBytes)
            throws IOException {
        double bareMean = BenchmarkReport.mean(all, BARE);
        double gatewayMean = BenchmarkReport.mean(all, GATEWAY);
        JsonObject line = new JsonObject()
                .put("benchmark", "gateway-" + route)
                .put("timestamp", Instant.now().toString())
                .put("settings", new JsonObject()
                        .put("durationSeconds", duration.toMillis() / 1000.0)
                        .put("warmupSeconds", warmup.toMillis() / 1000.0)
                        .put("prewarmSeconds", prewarm.toMillis() / 1000.0)
                        .put("connections", connections)
                        .put("pipelining", pipelining)
                        .put("rate", rate)
                        .put("driverThreads", driverThreads)
                        .put("devices", devices)
                        .put("route", route)
                        .put("bodyBytes", bodyBytes)
                        .put("rounds", rounds)
                        .put("targets", new JsonArray(List.copyOf(targets)))
                        .put("gatewayOverrides", new JsonObject(new LinkedHashMap<>(overrides)))
                        .put("kafkaPartitions", config.get(KafkaOptions.PARTITIONS)))
                .put("machine", BenchSupport.machine())
                .put("results", new JsonArray(all.stream().map(LoadResult::toJson).toList()))
                .put("gatewayHitsPerSecond", Double.isNaN(gatewayMean) ? null : LoadResult.round(gatewayMean, 1))
                .put("bareHitsPerSecond", Double.isNaN(bareMean) ? null : LoadResult.round(bareMean, 1))
                .put("ratio", Double.isNaN(gatewayMean) || Double.isNaN(bareMean) ? null : LoadResult.round(gatewayMean / bareMean, 3))
                .put("kafkaRecords", kafkaRecords)
                .put("gatewayOkAllPhases", gatewayOk);
        BenchSupport.appendJsonLine(results, line);
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        new java.security.SecureRandom().nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }
}
