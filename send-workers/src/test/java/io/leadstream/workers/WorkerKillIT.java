package io.leadstream.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.common.config.GatewayOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.kafka.TopicAdmin;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.store.cassandra.CassandraSchema;
import io.leadstream.store.cassandra.OutboxLayout;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 10,000 messages, a worker process killed (SIGKILL) while it sends them, and workers in this JVM
 * taking its shards over: no message reaches the SMTP server twice, and every message is sent, or
 * closed unconfirmed because the dead process had marked it committing (then the server has it,
 * unless the process died while that write was in flight, before the dot: at most one message per
 * send thread of the dead process, which this test allows and prints).
 */
@ExtendWith(LeadStreamStackExtension.class)
class WorkerKillIT {
    private static final int MESSAGES = 10_000;
    private static final int CHILD_WORKERS = 4;

    @Test
    void aWorkerProcessKilledMidBatchNeitherDuplicatesNorLosesMessages(TestNamespace ns) throws Exception {
        String domain = ns.keyspace().replace('_', '-') + ".example";
        LeadStreamConfig config = ns.config()
                .with(WorkerOptions.SMTP_HOST, ns.stack().smtp().host())
                .with(WorkerOptions.SMTP_PORT, ns.stack().smtp().port())
                .with(WorkerOptions.POLL_INTERVAL, Duration.ofMillis(100))
                .with(WorkerOptions.LOOKBACK, Duration.ofMinutes(10))
                .with(WorkerOptions.LEASE, Duration.ofSeconds(3))
                .with(WorkerOptions.COUNT, CHILD_WORKERS)
                .with(GatewayOptions.TOKEN_SECRET, "worker-kill-it-secret-0123456789abcdef");
        CassandraSchema.apply(config);
        TopicAdmin.ensureTopics(config);
        String ks = ns.keyspace();
        List<String> ids = new ArrayList<>();
        try (CqlSession session = ns.stack().cassandra().newSession()) {
            session.execute("INSERT INTO " + ks + ".definitions (kind, id, document) VALUES ('emails', 'receipt', ?)", """
                    {"id": "receipt", "name": "Receipt", "type": "transactional", "from": "shop@shop.example",
                     "subject": "Your order {contactfield=order}", "html": "<p>Order {contactfield=order}: <a href=\\"https://shop.example/o\\">see</a></p>",
                     "text": "Order {contactfield=order}"}""");
            Instant now = Instant.now();
            PreparedStatement field = session.prepare("INSERT INTO " + ks + ".contact_fields (contact_id, field, value) VALUES (?, ?, ?)");
            PreparedStatement outbox = session.prepare("INSERT INTO " + ks + ".outbox (bucket, shard, due, command_id, channel, contact_id, email_id,"
                    + " transactional) VALUES (?, ?, ?, ?, 'EMAIL', ?, 'receipt', true)");
            List<CompletionStage<?>> writes = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                String contact = "c" + i;
                String id = "kill-" + i;
                Instant due = now.minusSeconds(i % 120);
                ids.add(id);
                writes.add(session.executeAsync(field.bind(contact, "email", contact + "@" + domain)));
                writes.add(session.executeAsync(field.bind(contact, "order", "#" + i)));
                writes.add(session.executeAsync(outbox.bind(OutboxLayout.bucket(due), OutboxLayout.shard(contact), due, id, contact)));
                if (writes.size() >= 300) {
                    drain(writes);
                }
            }
            drain(writes);

            Process child = startChild(config, domain);
            SendWorkers local = null;
            try {
                // Let the child alone get well into the batch, then kill it mid-send and go on here.
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                        .until(() -> ns.stack().smtp().receivedFor(domain).size() >= MESSAGES / 4);
                local = SendWorkers.start(config.with(WorkerOptions.COUNT, 2), "https://t.shop.example");
                Thread.sleep(500);
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
                child.waitFor(10, TimeUnit.SECONDS);
                int atKill = ns.stack().smtp().receivedFor(domain).size();
                long started = System.nanoTime();
                await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500)).until(() -> done(session, ks) >= MESSAGES);
                Thread.sleep(1000); // anything sent twice would have landed
                List<MimeMessage> received = ns.stack().smtp().receivedFor(domain);
                Map<String, Integer> copies = new HashMap<>();
                for (MimeMessage m : received) {
                    String mid = m.getMessageID();
                    copies.merge(mid.substring(1, mid.indexOf('@')), 1, Integer::sum);
                }
                Map<String, String> states = new HashMap<>();
                for (Row r : session.execute("SELECT command_id, state FROM " + ks + ".outbox_state")) {
                    states.put(r.getString("command_id"), r.getString("state"));
                }
                List<String> duplicated = copies.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
                List<String> missing = ids.stream().filter(id -> !copies.containsKey(id)).toList();
                Map<String, Long> byState = new HashMap<>();
                states.values().forEach(s -> byState.merge(s, 1L, Long::sum));
                System.out.printf("worker kill IT: %d messages; %d received when the child was killed, %d at the end in %.1f s after;"
                                + " states %s; %d duplicated, %d missing (%s)%n", MESSAGES, atKill, received.size(),
                        (System.nanoTime() - started) / 1e9, byState, duplicated.size(), missing.size(),
                        missing.stream().map(id -> id + ":" + states.get(id)).toList());

                assertThat(duplicated).as("messages the SMTP server got twice").isEmpty();
                assertThat(states).hasSize(MESSAGES);
                assertThat(byState.keySet()).as("every message sent, or unconfirmed after the kill").isSubsetOf(Set.of("sent", "unconfirmed"));
                assertThat(byState.getOrDefault("unconfirmed", 0L)).as("at most the dead process's messages in flight").isLessThanOrEqualTo(CHILD_WORKERS);
                assertThat(missing).as("only an unconfirmed message can be missing").allSatisfy(id -> assertThat(states.get(id)).isEqualTo("unconfirmed"));
                assertThat(ids).as("every message the server got is one of ours, once").containsAll(copies.keySet());
            } finally {
                child.destroyForcibly();
                if (local != null) {
                    local.close();
                }
            }
        }
    }

    private static long done(CqlSession session, String ks) {
        long n = 0;
        for (Row r : session.execute("SELECT state FROM " + ks + ".outbox_state")) {
            if (!DeliveryState.CLAIMED.equals(r.getString("state"))) {
                n++;
            }
        }
        return n;
    }

    private static void drain(List<CompletionStage<?>> writes) {
        writes.forEach(w -> w.toCompletableFuture().join());
        writes.clear();
    }

    /** The child: this JVM's classpath, WorkerProcess, the config in a file; returns once its workers run. */
    private static Process startChild(LeadStreamConfig config, String domain) throws Exception {
        Path file = Files.createTempFile("worker-kill-it", ".properties");
        Properties p = new Properties();
        p.putAll(config.asMap());
        try (Writer out = Files.newBufferedWriter(file)) {
            p.store(out, "WorkerKillIT child");
        }
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), WorkerProcess.class.getName(),
                file.toString(), "https://t.shop.example").redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.contains(WorkerProcess.READY)) {
            // its start-up log
        }
        assertThat(line).as("the worker process started").isNotNull();
        Thread drainer = new Thread(() -> out.lines().forEach(l -> { }), "worker-kill-it-child-output");
        drainer.setDaemon(true);
        drainer.start();
        return child;
    }
}
