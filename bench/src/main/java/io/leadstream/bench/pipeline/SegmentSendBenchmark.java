package io.leadstream.bench.pipeline;

import static io.leadstream.bench.BenchSupport.say;

import com.datastax.oss.driver.api.core.CqlSession;
import io.leadstream.bench.BenchSupport;
import io.leadstream.common.config.CassandraOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.email.LinkOptions;
import io.leadstream.gateway.GatewayOptions;
import io.leadstream.store.cassandra.CassandraSessionFactory;
import io.leadstream.store.cassandra.table.SegmentMembersTable;
import io.leadstream.workers.WorkerOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A segment email to many contacts through the whole system, DKIM on: the members come by a CSV import
 * into a segment, the send is started by the API, the engine queues one send per member and the send
 * workers sign and deliver them to a local SMTP server. Measures emails/s from the start to the last
 * message, beside the ceiling of bare DKIM-signed SMTP sends (same server, same threads, same run), the
 * CPU per email of each part (the hits' work during the send included), and the tracking hits' answer time
 * (p50, p99) from a load driver in its own process at a steady rate: before the send (after a warm-up), and
 * while it runs (a big send must not stall tracking).
 *
 * <pre>bin/leadstream bench-segment-send [--members 100000 --hit-rate 200 --threads 6]</pre>
 */
@Command(name = "segment-send-benchmark", mixinStandardHelpOptions = true,
        description = "Emails/s of a segment send with DKIM, and the tracking hit latency during it.")
public final class SegmentSendBenchmark implements Callable<Integer> {
    private static final String SEGMENT = "bench-members";
    private static final String EMAIL = "bench-news";
    private static final String DOMAIN = "shop.example";
    private static final String HTML = "<p>Hi {contactfield=firstname|there},</p><p>Our <a href=\"https://shop.example/new\">new arrivals</a>"
            + " and <a href=\"https://shop.example/sale\">the sale</a>.</p><p>{unsubscribe_text}</p>";
    private static final String TEXT = "Hi {contactfield=firstname|there}, see https://shop.example/new\n{unsubscribe_text}";

    @Option(names = "--members", defaultValue = "100000", description = "Contacts in the segment. Default: ${DEFAULT-VALUE}.")
    int members;

    @Option(names = "--hit-rate", defaultValue = "200", description = "Tracking events/s from the load driver, before and during the send."
            + " Default: ${DEFAULT-VALUE}.")
    double hitRate;

    @Option(names = "--baseline", defaultValue = "30s", converter = BenchSupport.DurationConverter.class, description = "How long the hits are measured before the send. Default: ${DEFAULT-VALUE}.")
    Duration baseline;

    @Option(names = "--workers", defaultValue = "1", description = "Send-worker processes. Default: ${DEFAULT-VALUE}.")
    int workers;

    @Option(names = "--threads", defaultValue = "6", description = "worker.count: send threads per process (and the ceiling's). Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--ceiling-emails", defaultValue = "20000", description = "Messages of the bare DKIM ceiling. Default: ${DEFAULT-VALUE}.")
    int ceilingEmails;

    @Option(names = "--results", defaultValue = "bench/results/segment-send.json", description = "JSON-lines file the figures are appended to."
            + " Default: ${DEFAULT-VALUE}.")
    Path results;

    private final HttpClient http = HttpClient.newHttpClient();

    public static void main(String[] args) {
        System.exit(new CommandLine(new SegmentSendBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("leadstream-segment-send-bench");
        Path key = dkimKey(dir);
        int code = 1;
        try (PipelineSystem system = PipelineSystem.start(dir, new PipelineSystem.Settings(workers, threads, Duration.ofSeconds(30),
                Duration.ofSeconds(10), "rocksdb", 2), c -> c.with(WorkerOptions.DKIM_DOMAIN, DOMAIN).with(WorkerOptions.DKIM_KEY, key.toString()))) {
            say("Ceiling: %,d bare DKIM-signed SMTP sends over %d connections ...", ceilingEmails, threads);
            double ceiling = BareDkimSends.run(system.smtp().port(), threads, ceilingEmails, key, DOMAIN, "leadstream", HTML, TEXT);
            long ceilingMessages = system.smtp().messages();
            say("  %.0f emails/s", ceiling);
            system.startEngineAndWorkers();
            LeadStreamConfig config = system.config();
            String base = system.gatewayUrl();
            String token = config.get(GatewayOptions.API_TOKEN);
            define(base, token);
            try (CqlSession session = CassandraSessionFactory.open(config)) {
                fill(base, token, session, config.get(CassandraOptions.KEYSPACE));
            }
            DriverLedger ledger = new DriverLedger();
            try (DriverProcess driver = DriverProcess.ofMix(dir, system.gatewayPort(), 100_000, 7, config.get(LinkOptions.TOKEN_SECRET), "s", 256, ledger)) {
                code = measure(system, driver, ledger, base, token, ceiling, ceilingMessages);
            }
            return code;
        } finally {
            if (code != 0) {
                say("Logs of this failed run kept in %s", BenchSupport.keepLogs(dir));
            }
            BenchSupport.deleteRecursively(dir);
        }
    }

    private int measure(PipelineSystem system, DriverProcess driver, DriverLedger ledger, String base, String token, double ceiling,
                        long ceilingMessages) throws Exception {
        say("Tracking hits at %.0f/s: %s to warm the gateway up (not measured), then %s before the send ...", hitRate, baseline, baseline);
        driver.run((long) (hitRate * baseline.toSeconds()), hitRate, Duration.ofMinutes(2)).get();
        ledger.takeRecentGatewayLatency();
        driver.run((long) (hitRate * baseline.toSeconds()), hitRate, Duration.ofMinutes(2)).get();
        Histogram before = ledger.takeRecentGatewayLatency();

        ComponentUsage usage = new ComponentUsage(system, driver::pid);
        Map<String, Long> cpuFrom = usage.cpu();
        long t0 = System.nanoTime();
        HttpResponse<String> started = call(base, token, "POST", "/api/v1/emails/" + EMAIL + "/send", "application/json", "{}");
        if (started.statusCode() != 202) {
            throw new IllegalStateException("the send did not start: " + started.statusCode() + " " + started.body());
        }
        say("Send started: %,d members; hits go on at %.0f/s", members, hitRate);
        long firstAt = 0;
        while (system.smtp().messages() - ceilingMessages < members) {
            if (System.nanoTime() - t0 > Duration.ofMinutes(30).toNanos()) {
                throw new IllegalStateException("the send did not end within 30 minutes: " + (system.smtp().messages() - ceilingMessages) + " emails");
            }
            driver.run((long) (hitRate * 5), hitRate, Duration.ofMinutes(2)).get(); // five seconds of hits at a time
            if (firstAt == 0 && system.smtp().messages() > ceilingMessages) {
                firstAt = System.nanoTime();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Long> cpuTo = usage.cpu();
        Histogram during = ledger.takeRecentGatewayLatency();
        long sent = system.smtp().messages() - ceilingMessages;
        long duplicates = system.smtp().duplicateMessageIds();
        JsonObject progress = new JsonObject(call(base, token, "GET", "/api/v1/emails/" + EMAIL + "/send", null, null).body());
        double rate = sent / seconds;

        say("Segment send: %,d emails in %.1f s = %.0f emails/s (ceiling %.0f: ratio %.2f); first email after %.1f s; duplicates %d",
                sent, seconds, rate, ceiling, rate / ceiling, firstAt == 0 ? seconds : (firstAt - t0) / 1e9, duplicates);
        say("Tracking hits: before p50 %.1f ms p99 %.1f ms (%d); during p50 %.1f ms p99 %.1f ms (%d)",
                ms(before, 50), ms(before, 99), before.getTotalCount(), ms(during, 50), ms(during, 99), during.getTotalCount());
        JsonObject cpu = new JsonObject();
        cpuTo.forEach((part, nanos) -> {
            double perEmail = (nanos - cpuFrom.getOrDefault(part, 0L)) / 1e6 / sent;
            cpu.put(part, Math.round(perEmail * 1000) / 1000.0);
            say("  CPU per email, %s: %.3f ms", part, perEmail);
        });
        BenchSupport.appendJsonLine(results, new JsonObject().put("at", Instant.now().toString()).put("machine", BenchSupport.machine())
                .put("members", members).put("workers", workers).put("threads", threads).put("dkim", true)
                .put("emails", sent).put("seconds", round(seconds)).put("emailsPerSecond", round(rate))
                .put("ceilingBareDkimPerSecond", round(ceiling)).put("ratio", Math.round(rate / ceiling * 1000) / 1000.0)
                .put("duplicates", duplicates).put("progress", progress)
                .put("hitRate", hitRate)
                .put("hitLatencyBeforeMs", new JsonObject().put("p50", ms(before, 50)).put("p99", ms(before, 99)).put("count", before.getTotalCount()))
                .put("hitLatencyDuringMs", new JsonObject().put("p50", ms(during, 50)).put("p99", ms(during, 99)).put("count", during.getTotalCount()))
                .put("cpuMsPerEmail", cpu));
        return sent == members && duplicates == 0 ? 0 : 1;
    }

    private void define(String base, String token) throws Exception {
        expect(call(base, token, "PUT", "/api/v1/segments/" + SEGMENT, "application/json",
                "{\"name\": \"Bench members\", \"filters\": [{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 1000000000}]}"), 201);
        expect(call(base, token, "PUT", "/api/v1/emails/" + EMAIL, "application/json", new JsonObject().put("name", "Bench news")
                .put("type", "marketing").put("from", "news@" + DOMAIN).put("fromName", "Shop").put("subject", "News for {contactfield=firstname}")
                .put("html", HTML).put("text", TEXT).put("segments", new io.vertx.core.json.JsonArray().add(SEGMENT)).encode()), 201);
    }

    /** The members by one CSV import into the segment, then until the engine has them all in it. */
    private void fill(String base, String token, CqlSession session, String keyspace) throws Exception {
        StringBuilder csv = new StringBuilder("email,firstname\n");
        for (int i = 0; i < members; i++) {
            csv.append("member").append(i).append("@members.example,Member").append(i).append('\n');
        }
        long t0 = System.nanoTime();
        expect(call(base, token, "POST", "/api/v1/imports?segment=" + SEGMENT, "text/csv", csv.toString()), 202);
        var count = session.prepare(SegmentMembersTable.COUNT_BY_SEGMENT_ID.replace("{ks}", keyspace));
        long in = 0;
        while (in < members) {
            if (System.nanoTime() - t0 > Duration.ofMinutes(30).toNanos()) {
                throw new IllegalStateException("only " + in + " of " + members + " members after 30 minutes");
            }
            Thread.sleep(2000);
            try {
                in = session.execute(count.bind(SEGMENT)).one().getLong(0);
            } catch (com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException
                     | com.datastax.oss.driver.api.core.DriverTimeoutException e) {
                // Counting a 100,000-row partition while the import writes to it can take longer than a read may: ask again.
                say("  counting the members timed out (%s); asking again", e.getClass().getSimpleName());
            }
        }
        say("%,d members imported into the segment in %.1f s", members, (System.nanoTime() - t0) / 1e9);
    }

    private HttpResponse<String> call(String base, String token, String method, String path, String type, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(r.request().uri() + ": " + r.statusCode() + " " + r.body());
        }
    }

    private static Path dkimKey(Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return Files.writeString(dir.resolve("dkim.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : Math.round(h.getValueAtPercentile(percentile) / 100.0) / 10.0;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
