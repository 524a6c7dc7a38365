package io.leadstream.bench.emails;

import static io.leadstream.bench.BenchSupport.say;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.bench.BenchSmtpServer;
import io.leadstream.bench.BenchSupport;
import io.leadstream.bench.ProcessCpu;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.common.kafka.AckedProducerConfig;
import io.leadstream.common.kafka.TopicAdmin;
import io.leadstream.email.LinkOptions;
import io.leadstream.jobs.contact.WebhookBatcher;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.engine.Channel;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.stack.LeadStreamStack;
import io.leadstream.store.cassandra.CassandraSchema;
import io.leadstream.store.cassandra.table.ContactFieldsTable;
import io.leadstream.store.cassandra.table.DefinitionsTable;
import io.leadstream.store.cassandra.table.OutboxStateTable;
import io.leadstream.store.cassandra.table.OutboxTable;
import io.leadstream.workers.SendWorkers;
import io.leadstream.workers.WorkerOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Emails/s from send commands to a local SMTP server ({@link BenchSmtpServer}), or with {@code --channel webhook}
 * global webhook calls/s to a local HTTP receiver ({@link WebhookReceiver}), signed and in order per contact: N commands due at once, in
 * Kafka's send-commands and the Cassandra outbox as the engine writes them, a marketing email with
 * links and the open pixel (so every send renders, rewrites and signs its links), delivered by
 * worker pools (each what one {@code leadstream workers} process runs: its own member of the
 * consumer group, Cassandra session, Kafka producer and SMTP connections) with every guarantee on:
 * the claim at the commit gate, once per contact, reports to Kafka. Measures after a warm-up (the first
 * {@code --warmup} messages) and prints the rate and each process's CPU per email.
 *
 * <pre>bin/leadstream bench-emails [--emails 60000 --warmup 100000 --workers 2 --threads 6]</pre>
 */
@Command(name = "emails-benchmark", mixinStandardHelpOptions = true, description = "Emails/s from the outbox to a local SMTP server.")
public final class EmailsBenchmark implements Callable<Integer> {
    private static final String HTML = "<p>Hi {contactfield=firstname|there},</p><p>Our <a href=\"https://shop.example/new?utm_source=mail\">new arrivals</a>,"
            + " the <a href=\"https://shop.example/sale\">sale</a> and <a href=\"https://shop.example/blog/post-1\">a story</a>.</p>"
            + "<p><a href=\"{unsubscribe_url}\">Unsubscribe</a> · <a href=\"{webview_url}\">View online</a></p>";

    @Option(names = "--emails", defaultValue = "60000", description = "Messages measured, after the warm-up. Default: ${DEFAULT-VALUE}.")
    int emails;

    @Option(names = "--warmup", defaultValue = "100000", description = "Messages sent first, not measured: the JVMs take about two minutes"
            + " of this load to compile their hot paths. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--workers", defaultValue = "2", description = "Worker pools (processes' worth). Default: ${DEFAULT-VALUE}.")
    int workers;

    @Option(names = "--threads", defaultValue = "6", description = "worker.count: send threads per pool. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--type", defaultValue = "marketing", description = "marketing (do-not-contact, once per contact) or transactional. Default: ${DEFAULT-VALUE}.")
    String type;

    @Option(names = "--channel", defaultValue = "email", description = "email (to the SMTP server) or webhook (global webhook calls to a local"
            + " HTTP receiver, signed, in order per contact). Default: ${DEFAULT-VALUE}.")
    String channel;

    @Option(names = "--batch", defaultValue = "1", description = "With --channel webhook: events per call, batched as the engine batches a"
            + " global webhook's (1: a call per event). Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--results", defaultValue = "bench/results/emails.json", description = "JSON-lines file the figures are appended to. Default: ${DEFAULT-VALUE}.")
    Path results;

    public static void main(String[] args) {
        System.exit(new CommandLine(new EmailsBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("leadstream-emails-bench");
        say("Starting embedded Kafka, Cassandra and SMTP in %s ...", dir);
        try (LeadStreamStack stack = LeadStreamStack.settings().dataDir(dir).flinkSlots(0).start();
             BenchSmtpServer smtp = new BenchSmtpServer();
             WebhookReceiver hooks = new WebhookReceiver()) {
            boolean webhooks = "webhook".equals(channel);
            java.util.function.LongSupplier arrived = webhooks ? hooks::events : smtp::messages;
            LeadStreamConfig config = stack.config("bench.emails.", "bench_emails")
                    .with(WorkerOptions.SMTP_HOST, "localhost")
                    .with(WorkerOptions.SMTP_PORT, smtp.port())
                    .with(WorkerOptions.COUNT, threads)
                    .with(WorkerOptions.LOOKBACK, Duration.ofMinutes(30))
                    .with(LinkOptions.TOKEN_SECRET, "emails-benchmark-secret-0123456789abcdef")
                    .with(WorkerOptions.WEBHOOK_SECRET, WebhookReceiver.SECRET);
            CassandraSchema.apply(config);
            TopicAdmin.ensureTopics(config);
            try (CqlSession session = stack.cassandra().newSession()) {
                long t = System.nanoTime();
                load(session, "bench_emails", config, webhooks ? hooks.url() : null);
                say("Loaded %,d contacts and outbox messages in %.1f s", total(), (System.nanoTime() - t) / 1e9);
                settle(stack.cassandra().pid());

                List<SendWorkers> pools = new ArrayList<>();
                long start = System.nanoTime();
                for (int i = 0; i < workers; i++) {
                    pools.add(SendWorkers.start(config, "https://t.shop.example"));
                }
                long lastReport = start;
                long received;
                long measureFrom = warmup == 0 ? start : 0;
                long[] cpuFrom = warmup == 0 ? cpu(stack) : null;
                while ((received = arrived.getAsLong()) < total()) {
                    Thread.sleep(200);
                    if (measureFrom == 0 && received >= warmup) {
                        measureFrom = System.nanoTime();
                        cpuFrom = cpu(stack);
                        say("  warm-up done: %,d received after %.1f s; measuring the next %,d", received, (measureFrom - start) / 1e9, emails);
                    }
                    if (System.nanoTime() - lastReport > 5e9) {
                        lastReport = System.nanoTime();
                        say("  %,d received after %.1f s", received, (lastReport - start) / 1e9);
                    }
                    if (System.nanoTime() - start > Duration.ofMinutes(30).toNanos()) {
                        throw new IllegalStateException("only " + received + " of " + total() + " " + channel + "s after 30 minutes");
                    }
                }
                long end = System.nanoTime();
                long[] cpuTo = cpu(stack);
                double seconds = (end - start) / 1e9;
                double measured = (total() - warmup) / ((end - measureFrom) / 1e9);
                pools.forEach(SendWorkers::close);
                Map<String, Long> states = new TreeMap<>();
                for (Row r : session.execute(OutboxStateTable.SELECT_STATE_ALL.replace("{ks}", "bench_emails"))) {
                    states.merge(r.getString("state"), 1L, Long::sum);
                }
                JsonObject cpuPerEmail = new JsonObject();
                String[] parts = {"workersAndSmtp", "cassandra", "kafka"};
                for (int i = 0; i < parts.length; i++) {
                    cpuPerEmail.put(parts[i], Math.round((cpuTo[i] - cpuFrom[i]) / 1e3 / (total() - warmup)) / 1e3);
                }
                say("CPU per measured email, ms: %s (this JVM: the worker pools and the SMTP server)", cpuPerEmail.encode());
                long distinct = webhooks ? hooks.distinctDeliveries() : smtp.distinctMessageIds();
                if (webhooks) {
                    say("webhooks: %,d events after a warm-up of %,d: %,.0f events/s (the whole run: %,.0f/s) in %,d calls of %d events at most,"
                            + " with %d worker pools x %d threads; %,d distinct delivery ids of %,d, %,d badly signed; states %s", emails, warmup, measured,
                            total() / seconds, hooks.calls(), batch, workers, threads, distinct, total(), hooks.badlySigned(), states);
                } else {
                    say("emails: %,d %s emails after a warm-up of %,d: %,.0f emails/s (the whole run: %,.0f/s) with %d worker pools x %d threads;"
                            + " %,d distinct Message-IDs of %,d, %.1f KiB each; states %s", emails, type, warmup, measured, total() / seconds, workers,
                            threads, distinct, total(), smtp.bytes() / 1024.0 / smtp.messages(), states);
                }
                BenchSupport.appendJsonLine(results, new JsonObject()
                        .put("benchmark", "emails")
                        .put("timestamp", Instant.now().toString())
                        .put("settings", new JsonObject().put("emails", emails).put("warmup", warmup).put("workers", workers).put("threads", threads)
                                .put("type", type).put("channel", channel).put("batch", batch))
                        .put("machine", BenchSupport.machine())
                        .put("seconds", Math.round(seconds * 100) / 100.0)
                        .put("webhookCalls", webhooks ? hooks.calls() : null)
                        .put("emailsPerSecond", Math.round(measured))
                        .put("wholeRunEmailsPerSecond", Math.round(total() / seconds))
                        .put("cpuMsPerEmail", cpuPerEmail)
                        .put(webhooks ? "distinctDeliveryIds" : "distinctMessageIds", distinct)
                        .put("states", new JsonObject(new java.util.LinkedHashMap<>(states))));
            }
        }
        return 0;
    }

    /**
     * Waits (at most a minute) until Cassandra is done flushing and compacting what the load wrote
     * (below a tenth of a core over two seconds): the load is three times the writes the sends make,
     * and its aftermath is no part of sending.
     */
    private static void settle(long cassandraPid) throws InterruptedException {
        long t = System.nanoTime();
        long before = ProcessCpu.nanos(cassandraPid);
        while (System.nanoTime() - t < 60e9) {
            Thread.sleep(2_000);
            long now = ProcessCpu.nanos(cassandraPid);
            if (now - before < 200_000_000L) {
                break;
            }
            before = now;
        }
        say("Cassandra settled after the load in %.1f s", (System.nanoTime() - t) / 1e9);
    }

    private int total() {
        return warmup + emails;
    }

    /** CPU used so far by this JVM (the worker pools and the SMTP server), Cassandra and Kafka. */
    private static long[] cpu(LeadStreamStack stack) {
        return new long[] {ProcessCpu.selfNanos(), ProcessCpu.nanos(stack.cassandra().pid()), ProcessCpu.nanos(stack.kafka().pid())};
    }

    /** {@code webhookUrl} null: emails; else global webhook calls of a form submission to it. */
    private void load(CqlSession session, String ks, LeadStreamConfig config, String webhookUrl) {
        session.execute(DefinitionsTable.INSERT.replace("{ks}", ks), "emails", "news", new JsonObject()
                .put("id", "news").put("name", "News").put("type", type).put("from", "news@shop.example").put("fromName", "Shop")
                .put("subject", "News for {contactfield=firstname|you}").put("html", HTML)
                .put("text", "Hi {contactfield=firstname|there}, see https://shop.example/new").encode());
        PreparedStatement field = session.prepare(ContactFieldsTable.INSERT.replace("{ks}", ks));
        PreparedStatement outbox = session.prepare(OutboxTable.INSERT.replace("{ks}", ks));
        Channel sendChannel = webhookUrl == null ? Channel.EMAIL : Channel.WEBHOOK;
        Instant now = Instant.now();
        long written = now.toEpochMilli() * 1000;
        List<CompletionStage<?>> writes = new ArrayList<>();
        AvroCodec<SendCommand> codec = AvroCodec.of(SendCommand.class);
        Properties p = AckedProducerConfig.of(config, "emails-benchmark");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            java.util.function.Consumer<SendCommand> send = c -> {
                writes.add(session.executeAsync(outbox.bind(new OutboxTable.Row(c.getDueTime(), c.getCommandId(), sendChannel.name(), c.getContactId(),
                        "news", "transactional".equals(type), "bench", "news", webhookUrl, c.getAttributes()).values())));
                producer.send(new ProducerRecord<>(TopicNames.from(config).sendCommands(), c.getContactId(), codec.encode(c)));
            };
            List<SendCommand> batched = new ArrayList<>();
            for (int i = 0; i < total(); i++) {
                String contact = "contact-" + i;
                Instant due = now.minusMillis(i % 60_000);
                writes.add(session.executeAsync(field.bind(contact, "email", contact + "@bench.example", written)));
                writes.add(session.executeAsync(field.bind(contact, "firstname", "Ann" + i, written)));
                Map<String, String> attributes = webhookUrl == null ? Map.of() : Map.of("event", "form_submission", "webhook", "bench",
                        "eventId", "event-" + i, "eventTime", due.toString(), "data", "{\"form_id\":\"signup\"}");
                SendCommand command = SendCommand.newBuilder().setCommandId("send-" + i).setChannel(sendChannel).setContactId(contact).setDueTime(due)
                        .setCreatedTime(due).setEmailId("news").setTransactional("transactional".equals(type)).setCampaignId("bench")
                        .setCampaignEventId("news").setWebhookUrl(webhookUrl).setAttributes(attributes).build();
                if (webhookUrl != null && batch > 1) { // as the engine's WebhookBatcher makes them
                    batched.add(command);
                    if (batched.size() == batch || i == total() - 1) {
                        send.accept(WebhookBatcher.batch(batched));
                        batched.clear();
                    }
                } else {
                    send.accept(command);
                }
                if (writes.size() >= 600) {
                    writes.forEach(w -> w.toCompletableFuture().join());
                    writes.clear();
                }
            }
            writes.forEach(w -> w.toCompletableFuture().join());
            producer.flush();
        }
    }
}
