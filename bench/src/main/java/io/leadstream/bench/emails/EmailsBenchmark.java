package io.leadstream.bench.emails;

import static io.leadstream.bench.BenchSupport.say;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.bench.BenchSupport;
import io.leadstream.bench.ProcessCpu;
import io.leadstream.common.config.GatewayOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.WorkerOptions;
import io.leadstream.common.kafka.TopicAdmin;
import io.leadstream.sink.outbox.SendWorkers;
import io.leadstream.stack.LeadStreamStack;
import io.leadstream.store.cassandra.CassandraSchema;
import io.leadstream.store.cassandra.OutboxLayout;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Emails/s from the Cassandra outbox to a local SMTP server ({@link CountingSmtpServer}): N messages due at once,
 * a marketing email with links and the open pixel (so every send renders, rewrites and signs its
 * links), delivered by worker pools (each what one {@code leadstream workers} process runs: its
 * own shard leases, Cassandra session, Kafka producer and SMTP connections) with every guarantee on:
 * the commit gate, once per contact, reports to Kafka. Prints the whole run's rate and the second
 * half's (the JVMs warmed up).
 *
 * <pre>bin/leadstream bench-emails [--emails 40000 --workers 2 --threads 6]</pre>
 */
@Command(name = "emails-benchmark", mixinStandardHelpOptions = true, description = "Emails/s from the outbox to a local SMTP server.")
public final class EmailsBenchmark implements Callable<Integer> {
    private static final String HTML = "<p>Hi {contactfield=firstname|there},</p><p>Our <a href=\"https://shop.example/new?utm_source=mail\">new arrivals</a>,"
            + " the <a href=\"https://shop.example/sale\">sale</a> and <a href=\"https://shop.example/blog/post-1\">a story</a>.</p>"
            + "<p><a href=\"{unsubscribe_url}\">Unsubscribe</a> · <a href=\"{webview_url}\">View online</a></p>";

    @Option(names = "--emails", defaultValue = "40000", description = "Messages in the outbox. Default: ${DEFAULT-VALUE}.")
    int emails;

    @Option(names = "--workers", defaultValue = "2", description = "Worker pools (processes' worth). Default: ${DEFAULT-VALUE}.")
    int workers;

    @Option(names = "--threads", defaultValue = "6", description = "worker.count: send threads per pool. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--type", defaultValue = "marketing", description = "marketing (do-not-contact, once per contact) or transactional. Default: ${DEFAULT-VALUE}.")
    String type;

    @Option(names = "--results", defaultValue = "bench/results/emails.json", description = "JSON-lines file the figures are appended to. Default: ${DEFAULT-VALUE}.")
    Path results;

    public static void main(String[] args) {
        System.exit(new CommandLine(new EmailsBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("leadstream-emails-bench");
        say("Starting embedded Kafka, Cassandra and SMTP in %s ...", dir);
        try (LeadStreamStack stack = LeadStreamStack.settings().dataDir(dir).flinkSlots(1).start();
             CountingSmtpServer smtp = new CountingSmtpServer()) {
            LeadStreamConfig config = stack.config("bench.emails.", "bench_emails")
                    .with(WorkerOptions.SMTP_HOST, "localhost")
                    .with(WorkerOptions.SMTP_PORT, smtp.port())
                    .with(WorkerOptions.COUNT, threads)
                    .with(WorkerOptions.POLL_INTERVAL, Duration.ofMillis(100))
                    .with(WorkerOptions.LOOKBACK, Duration.ofMinutes(30))
                    .with(GatewayOptions.TOKEN_SECRET, "emails-benchmark-secret-0123456789abcdef");
            CassandraSchema.apply(config);
            TopicAdmin.ensureTopics(config);
            try (CqlSession session = stack.cassandra().newSession()) {
                long t = System.nanoTime();
                load(session, "bench_emails");
                say("Loaded %,d contacts and outbox messages in %.1f s", emails, (System.nanoTime() - t) / 1e9);

                List<SendWorkers> pools = new ArrayList<>();
                long start = System.nanoTime();
                for (int i = 0; i < workers; i++) {
                    pools.add(SendWorkers.start(config, "https://t.shop.example"));
                }
                long lastReport = start;
                long received;
                long halfAt = 0;
                long[] cpuAtHalf = null;
                while ((received = smtp.messages()) < emails) {
                    Thread.sleep(200);
                    if (halfAt == 0 && received >= emails / 2) {
                        halfAt = System.nanoTime(); // from here on the JIT has warmed up: the steady rate
                        cpuAtHalf = cpu(stack);
                    }
                    if (System.nanoTime() - lastReport > 5e9) {
                        lastReport = System.nanoTime();
                        say("  %,d received after %.1f s", received, (lastReport - start) / 1e9);
                    }
                    if (System.nanoTime() - start > Duration.ofMinutes(20).toNanos()) {
                        throw new IllegalStateException("only " + received + " of " + emails + " emails after 20 minutes");
                    }
                }
                long end = System.nanoTime();
                long[] cpuAtEnd = cpu(stack);
                double seconds = (end - start) / 1e9;
                double steady = (emails - emails / 2) / ((end - (halfAt == 0 ? start : halfAt)) / 1e9);
                pools.forEach(SendWorkers::close);
                Map<String, Long> states = new TreeMap<>();
                for (Row r : session.execute("SELECT state FROM bench_emails.outbox_state")) {
                    states.merge(r.getString("state"), 1L, Long::sum);
                }
                double rate = emails / seconds;
                JsonObject cpuPerEmail = new JsonObject();
                if (cpuAtHalf != null) {
                    long sent = emails - emails / 2;
                    String[] parts = {"workersAndSmtp", "cassandra", "kafka"};
                    for (int i = 0; i < parts.length; i++) {
                        cpuPerEmail.put(parts[i], Math.round((cpuAtEnd[i] - cpuAtHalf[i]) / 1e3 / sent) / 1e3);
                    }
                    say("CPU per email in the second half, ms: %s (this JVM: the worker pools and the SMTP server)", cpuPerEmail.encode());
                }
                say("emails: %,d %s emails to SMTP in %.1f s: %,.0f emails/s (second half: %,.0f/s) with %d worker pools x %d threads;"
                        + " %,d distinct Message-IDs, %.1f KiB each; states %s", emails, type, seconds, rate, steady, workers, threads,
                        smtp.distinctMessageIds(),
                        smtp.bytes() / 1024.0 / smtp.messages(), states);
                BenchSupport.appendJsonLine(results, new JsonObject()
                        .put("benchmark", "emails")
                        .put("timestamp", Instant.now().toString())
                        .put("settings", new JsonObject().put("emails", emails).put("workers", workers).put("threads", threads).put("type", type))
                        .put("machine", BenchSupport.machine())
                        .put("seconds", Math.round(seconds * 100) / 100.0)
                        .put("emailsPerSecond", Math.round(rate))
                        .put("secondHalfEmailsPerSecond", Math.round(steady))
                        .put("secondHalfCpuMsPerEmail", cpuPerEmail)
                        .put("distinctMessageIds", smtp.distinctMessageIds())
                        .put("states", new JsonObject(new java.util.LinkedHashMap<>(states))));
            }
        }
        return 0;
    }

    /** CPU used so far by this JVM (the worker pools and the SMTP server), Cassandra and Kafka. */
    private static long[] cpu(LeadStreamStack stack) {
        return new long[] {ProcessCpu.selfNanos(), ProcessCpu.nanos(stack.cassandra().pid()), ProcessCpu.nanos(stack.kafka().pid())};
    }

    private void load(CqlSession session, String ks) {
        session.execute("INSERT INTO " + ks + ".definitions (kind, id, document) VALUES ('emails', 'news', ?)", new JsonObject()
                .put("id", "news").put("name", "News").put("type", type).put("from", "news@shop.example").put("fromName", "Shop")
                .put("subject", "News for {contactfield=firstname|you}").put("html", HTML)
                .put("text", "Hi {contactfield=firstname|there}, see https://shop.example/new").encode());
        PreparedStatement field = session.prepare("INSERT INTO " + ks + ".contact_fields (contact_id, field, value) VALUES (?, ?, ?)");
        PreparedStatement outbox = session.prepare("INSERT INTO " + ks + ".outbox (bucket, shard, due, command_id, channel, contact_id, email_id,"
                + " transactional, campaign_id, campaign_event_id) VALUES (?, ?, ?, ?, 'EMAIL', ?, 'news', ?, 'bench', 'news')");
        Instant now = Instant.now();
        List<CompletionStage<?>> writes = new ArrayList<>();
        for (int i = 0; i < emails; i++) {
            String contact = "contact-" + i;
            String id = "send-" + i;
            Instant due = now.minusMillis(i % 60_000);
            writes.add(session.executeAsync(field.bind(contact, "email", contact + "@bench.example")));
            writes.add(session.executeAsync(field.bind(contact, "firstname", "Ann" + i)));
            writes.add(session.executeAsync(outbox.bind(OutboxLayout.bucket(due), OutboxLayout.shard(contact), due, id, contact, "transactional".equals(type))));
            if (writes.size() >= 600) {
                writes.forEach(w -> w.toCompletableFuture().join());
                writes.clear();
            }
        }
        writes.forEach(w -> w.toCompletableFuture().join());
    }
}
