package io.leadstream.bench.gateway;

import io.leadstream.common.config.GatewayOptions;
import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.common.kafka.TopicAdmin;
import io.leadstream.gateway.GatewayServer;
import io.leadstream.stack.EmbeddedKafka;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

    @Option(names = "--duration", defaultValue = "20s", converter = DurationConverter.class,
            description = "Measurement window per target and round (e.g. 20s, 1m). Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class,
            description = "Load before each measurement window, not counted. Default: ${DEFAULT-VALUE}.")
    Duration warmup;

    @Option(names = "--prewarm", defaultValue = "45s", converter = DurationConverter.class,
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

    @Option(names = "--results", defaultValue = "bench/results/gateway-pixel.json",
            description = "JSON-lines file the run's figures are appended to. Default: ${DEFAULT-VALUE}.")
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
        Path dir = Files.createTempDirectory("leadstream-gateway-bench");
        EmbeddedKafka kafka = null;
        GatewayServer gateway = null;
        BareGifServer bare = null;
        Vertx driverVertx = null;
        try {
            say("Starting embedded Kafka in %s ...", dir);
            kafka = startKafka(dir);
            LeadStreamConfig config = LeadStreamConfig.empty()
                    .with(KafkaOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers())
                    .with(KafkaOptions.TOPIC_PREFIX, "bench.")
                    .with(GatewayOptions.HOST, HOST)
                    .with(GatewayOptions.PORT, 0)
                    // Secrets the gateway requires; by key, so the driver builds against any version of the options.
                    .withAll(LeadStreamConfig.fromMap(Map.of(
                            "api.token", randomHex(16),
                            "gateway.token-secret", randomHex(32))))
                    .withAll(LeadStreamConfig.fromMap(overrides));
            TopicAdmin.ensureTopics(config);
            gateway = new GatewayServer(config).start();
            bare = new BareGifServer().start(HOST);
            driverVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(driverThreads));
            List<Context> contexts = driverContexts(driverVertx, driverThreads);
            CpuMeter cpu = new CpuMeter(kafka.pid());

            int cores = Runtime.getRuntime().availableProcessors();
            say("Kafka %s (pid %d), topic %s with %d partitions; gateway :%d; bare :%d",
                    kafka.bootstrapServers(), kafka.pid(), TopicNames.from(config).rawEvents(),
                    config.get(KafkaOptions.PARTITIONS), gateway.port(), bare.port());
            say("probe bare    -> %s", LoadDriver.probe(driverVertx, HOST, bare.port()));
            String gatewayProbe = LoadDriver.probe(driverVertx, HOST, gateway.port());
            say("probe gateway -> %s", gatewayProbe);
            long gatewayOkTotal = gatewayProbe.startsWith("200 ") ? 1 : 0; // the probe's event is in Kafka too
            LoadDriver.Settings settings = new LoadDriver.Settings(connections, pipelining, driverThreads, rate,
                    warmup, duration, devices);
            say("Driver: %d connections x %d outstanding each (%s), %d driver event loop(s), %d device ids; "
                            + "warm-up %ss, window %ss per target; %d cores shared by driver, servers and broker.",
                    connections, pipelining, rate > 0 ? "open loop at " + (long) rate + " req/s" : "closed loop",
                    driverThreads, devices, warmup.toMillis() / 1000.0, duration.toMillis() / 1000.0, cores);

            LoadDriver driver = new LoadDriver(driverVertx, contexts, settings, cpu);
            if (!prewarm.isZero()) {
                LoadDriver prewarmer = new LoadDriver(driverVertx, contexts, new LoadDriver.Settings(connections, pipelining,
                        driverThreads, rate, prewarm, Duration.ZERO, devices), cpu);
                for (String target : new java.util.LinkedHashSet<>(targets)) {
                    say("JIT pre-warm: %s for %ss ...", target, prewarm.toMillis() / 1000.0);
                    LoadResult r = prewarmer.run(target, HOST, target.equals(BARE) ? bare.port() : gateway.port());
                    if (target.equals(GATEWAY)) {
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
                    int port = target.equals(BARE) ? bare.port() : gateway.port();
                    say("round %d/%d: %s ...", round, rounds, target);
                    LoadResult r = driver.run(target, HOST, port);
                    all.add(r);
                    if (target.equals(GATEWAY)) {
                        gatewayOkTotal += r.totalOkAllPhases();
                    }
                    say("  %s: %.0f hits/s, p50 %.2f ms, p99 %.2f ms, non-200 %d, errors %d", target, r.hitsPerSecond(),
                            r.percentileMs(50), r.percentileMs(99), r.non200(), r.errors());
                    if (target.equals(GATEWAY)) {
                        say("  %s", ProducerStats.read("leadstream-gateway"));
                    }
                }
            }

            // Close the gateway first: its producer flushes, so everything acknowledged is countable.
            String rawEvents = TopicNames.from(config).rawEvents();
            gateway.close();
            gateway = null;
            long kafkaRecords = targets.contains(GATEWAY) ? countRecords(kafka.bootstrapServers(), rawEvents) : -1;

            String header = String.format(Locale.ROOT, "GET /mtracking.gif  %d connections x %d pipelined, %s, %d driver loop(s), window %.0fs, warm-up %.0fs (+%.0fs JIT pre-warm)%n",
                    connections, pipelining, rate > 0 ? "open loop " + (long) rate + "/s" : "closed loop", driverThreads,
                    duration.toMillis() / 1000.0, warmup.toMillis() / 1000.0, prewarm.toMillis() / 1000.0);
            String report = BenchmarkReport.text(header, all, rounds, cores, kafkaRecords, gatewayOkTotal, rawEvents);
            System.out.println(report);
            appendJson(all, kafkaRecords, gatewayOkTotal, cores, config);
            boolean lost = targets.contains(GATEWAY) && kafkaRecords < gatewayOkTotal;
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
            deleteRecursively(dir);
        }
    }

    /**
     * The broker, retried in a fresh directory: EmbeddedKafka's random cluster id can start with
     * '-', which kafka-storage's argument parser rejects (about 1 start in 64).
     */
    private static EmbeddedKafka startKafka(Path dir) {
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka-" + attempt), 0);
            try {
                return kafka.start();
            } catch (IllegalStateException e) {
                last = e;
                kafka.stop();
                System.err.println("Embedded Kafka did not start (attempt " + attempt + "): " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        throw last;
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

    private void appendJson(List<LoadResult> all, long kafkaRecords, long gatewayOk, int cores, LeadStreamConfig config) throws IOException {
        double bareMean = BenchmarkReport.mean(all, BARE);
        double gatewayMean = BenchmarkReport.mean(all, GATEWAY);
        JsonObject line = new JsonObject()
                .put("benchmark", "gateway-pixel")
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
                        .put("rounds", rounds)
                        .put("targets", new JsonArray(List.copyOf(targets)))
                        .put("gatewayOverrides", new JsonObject(new LinkedHashMap<>(overrides)))
                        .put("kafkaPartitions", config.get(KafkaOptions.PARTITIONS)))
                .put("machine", new JsonObject()
                        .put("cores", cores)
                        .put("java", System.getProperty("java.version"))
                        .put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch")))
                .put("results", new JsonArray(all.stream().map(LoadResult::toJson).toList()))
                .put("gatewayHitsPerSecond", Double.isNaN(gatewayMean) ? null : LoadResult.round(gatewayMean, 1))
                .put("bareHitsPerSecond", Double.isNaN(bareMean) ? null : LoadResult.round(bareMean, 1))
                .put("ratio", Double.isNaN(gatewayMean) || Double.isNaN(bareMean) ? null : LoadResult.round(gatewayMean / bareMean, 3))
                .put("kafkaRecords", kafkaRecords)
                .put("gatewayOkAllPhases", gatewayOk);
        Path file = results.toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, line.encode() + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        say("Appended to %s", file);
    }

    /** Records in the topic: the sum of its partitions' end offsets (the topic is new, so they start at 0). */
    private static long countRecords(String bootstrap, String topic) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
            description.partitions().forEach(pi -> request.put(new TopicPartition(topic, pi.partition()), OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets =
                    admin.listOffsets(request).all().get(30, TimeUnit.SECONDS);
            return offsets.values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        }
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        new java.security.SecureRandom().nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + dir + ": " + e);
        }
    }

    private static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    /** 20s, 500ms, 2m, or an ISO-8601 duration (PT20S); a bare number is seconds. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.startsWith("pt") || v.startsWith("p")) {
                return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)?").matcher(v);
            if (!m.matches()) {
                throw new CommandLine.TypeConversionException("Not a duration: " + value + " (e.g. 20s, 500ms, 2m)");
            }
            double n = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            double millis = switch (unit) {
                case "ms" -> n;
                case "m", "min" -> n * 60_000;
                case "h" -> n * 3_600_000;
                default -> n * 1000;
            };
            return Duration.ofMillis((long) millis);
        }
    }
}
