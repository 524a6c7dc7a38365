package io.leadstream.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.email.LinkOptions;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 4,000 send commands through Kafka (and the outbox, as the engine writes them) to two worker
 * processes sharing the partitions: one in a JVM of its own, killed (SIGKILL) while it sends them,
 * and one in this JVM, to which Kafka moves the dead one's partitions after the session timeout.
 * Counted at the SMTP server: no recipient gets two emails, and every recipient gets one, but for a
 * message the dead process had marked committing (then the server has it, unless the process died
 * while that write was in flight, before the dot: at most one message per send thread of the dead
 * process, which this test allows and prints).
 */
@ExtendWith(LeadStreamStackExtension.class)
class WorkerKillIT {
    /** Enough that the child is killed with most of its share still to send (it is killed three seconds into it). */
    private static final int MESSAGES = 4_000;
    private static final int CHILD_WORKERS = 4;

    @Test
    void aWorkerProcessKilledMidBatchHandsItsPartitionsOverAndNoEmailIsLostOrSentTwice(TestNamespace ns) throws Exception {
        String domain = ns.keyspace().replace('_', '-') + ".example";
        LeadStreamConfig config = SendWorkerIT.workerConfig(ns)
                .with(WorkerOptions.COUNT, CHILD_WORKERS)
                .with(WorkerOptions.COMMIT_TIMEOUT, Duration.ofSeconds(10))
                .with(WorkerOptions.SCAN_INTERVAL, Duration.ofSeconds(10))
                .with(LinkOptions.TOKEN_SECRET, "worker-kill-it-secret-0123456789abcdef");
        String ks = ns.keyspace();
        List<SendCommand> commands = new ArrayList<>();
        try (CqlSession session = ns.stack().cassandra().newSession()) {
            session.execute("INSERT INTO " + ks + ".definitions (kind, id, document) VALUES ('emails', 'receipt', ?)", """
                    {"id": "receipt", "name": "Receipt", "type": "transactional", "from": "shop@shop.example",
                     "subject": "Your order {contactfield=order}", "html": "<p>Order {contactfield=order}: <a href=\\"https://shop.example/o\\">see</a></p>",
                     "text": "Order {contactfield=order}"}""");
            Instant now = Instant.now();
            PreparedStatement field = session.prepare("INSERT INTO " + ks + ".contact_fields (contact_id, field, value) VALUES (?, ?, ?)");
            List<CompletionStage<?>> writes = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                String contact = "c" + i;
                commands.add(EngineSends.email("kill-" + i, contact, "receipt", true, now.minusSeconds(i % 120)));
                writes.add(session.executeAsync(field.bind(contact, "email", contact + "@" + domain)));
                writes.add(session.executeAsync(field.bind(contact, "order", "#" + i)));
                if (writes.size() >= 300) {
                    drain(writes);
                }
            }
            drain(writes);

            Process child = WorkerProcess.start(config);
            SendWorkers local = null;
            try {
                local = SendWorkers.start(config, WorkerProcess.GATEWAY);
                SendWorkers here = local;
                await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(60)).until(() -> here.owned().size() == 2);
                int before = ns.stack().smtp().received().size(); // the SMTP server is the JVM's: earlier tests' emails are in it
                EngineSends.publish(config, commands);
                // Both deliver their half; kill the child three seconds into its own (counting what arrived costs more the more there is).
                await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                        .until(() -> ns.stack().smtp().received().size() > before);
                Thread.sleep(3000);
                // SIGKILL: no shutdown hook, no finally, no leaving the group. A DATA it was writing ends without its dot,
                // which GreenMail reports from its own thread (so the awaits here leave other threads' exceptions alone).
                child.destroyForcibly();
                child.waitFor(10, TimeUnit.SECONDS);
                int atKill = ns.stack().smtp().received().size() - before;
                long killed = System.nanoTime();
                // The engine's outbox rows, which the consumers do not wait for (its Cassandra sink writes them at its checkpoint).
                Thread outbox = new Thread(() -> commands.forEach(c -> EngineSends.store(session, ks, c)), "worker-kill-it-outbox");
                outbox.start();
                await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(60)).until(() -> here.owned().size() == 4);
                double movedAfter = (System.nanoTime() - killed) / 1e9;
                outbox.join();
                await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500))
                        .until(() -> SendWorkerIT.states(session, ks).values().stream().filter(Objects::nonNull).count() >= MESSAGES);
                Thread.sleep(1000); // anything sent twice would have landed

                List<MimeMessage> received = ns.stack().smtp().receivedFor(domain);
                Map<String, Integer> perRecipient = new HashMap<>();
                Map<String, Integer> perMessageId = new HashMap<>();
                for (MimeMessage m : received) {
                    perRecipient.merge(m.getAllRecipients()[0].toString(), 1, Integer::sum);
                    String mid = m.getMessageID();
                    perMessageId.merge(mid.substring(1, mid.indexOf('@')), 1, Integer::sum);
                }
                Map<String, String> states = SendWorkerIT.states(session, ks);
                List<String> twice = perRecipient.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
                List<String> missing = commands.stream().filter(c -> !perRecipient.containsKey(c.getContactId() + "@" + domain))
                        .map(SendCommand::getCommandId).toList();
                Map<String, Long> byState = new HashMap<>();
                states.values().forEach(s -> byState.merge(s, 1L, Long::sum));
                Map<String, Long> byProcess = new HashMap<>();
                session.execute("SELECT worker FROM " + ks + ".outbox_state")
                        .forEach(r -> byProcess.merge(r.getString("worker").replaceAll("-\\d+$", ""), 1L, Long::sum));
                System.out.printf("worker kill IT: %d messages; %d received when the child was killed, its partitions moved %.1f s after;"
                                + " %d received at the end, %.1f s after the kill; states %s, by process %s; %d recipients twice, %d missing (%s)%n",
                        MESSAGES, atKill, movedAfter, received.size(), (System.nanoTime() - killed) / 1e9, byState, byProcess.values(), twice.size(),
                        missing.size(),
                        missing.stream().map(id -> id + ":" + states.get(id)).toList());

                assertThat(twice).as("recipients the SMTP server got two emails for").isEmpty();
                assertThat(perMessageId.values()).as("Message-IDs the SMTP server got twice").allMatch(n -> n == 1);
                assertThat(states).hasSize(MESSAGES);
                assertThat(byState.keySet()).as("every message sent, or unconfirmed after the kill").isSubsetOf(Set.of("sent", "unconfirmed"));
                assertThat(byState.getOrDefault("unconfirmed", 0L)).as("at most the dead process's messages in flight").isLessThanOrEqualTo(CHILD_WORKERS);
                assertThat(missing).as("only an unconfirmed message can be missing").allSatisfy(id -> assertThat(states.get(id)).isEqualTo("unconfirmed"));
                assertThat(received).as("every email is one of ours").hasSize(perRecipient.size());
            } finally {
                child.destroyForcibly();
                if (local != null) {
                    local.close();
                }
            }
        }
    }

    private static void drain(List<CompletionStage<?>> writes) {
        writes.forEach(w -> w.toCompletableFuture().join());
        writes.clear();
    }
}
