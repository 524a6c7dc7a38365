package io.leadstream.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.stack.FreePorts;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two SMTP transports (two GreenMail servers) behind one worker process, against real Kafka and
 * Cassandra: each email goes over the transport it names, or its type's, and the rate limit of a
 * transport holds across the process's send threads, measured at the server that receives.
 */
@ExtendWith(LeadStreamStackExtension.class)
class SmtpTransportsIT {
    private static final int RATE = 5;

    @Test
    void eachEmailGoesOverItsTransportAndARateLimitHoldsAcrossTheSendThreads(TestNamespace ns) throws Exception {
        try (Smtp one = new Smtp(); Smtp two = new Smtp()) {
            // 4 threads, 2 s of wait: at 5/s no send thread waits longer than 0.8 s, so every permit is taken.
            LeadStreamConfig config = SendWorkerIT.workerConfig(ns).with(WorkerOptions.COUNT, 4).with(WorkerOptions.TRANSPORT_WAIT, Duration.ofSeconds(2))
                    .with(WorkerOptions.TRANSPORTS, "one=smtp://127.0.0.1:" + one.port + ", two=smtp://127.0.0.1:" + two.port + "?rate=" + RATE
                            + "&marketing=true");
            String ks = ns.keyspace();
            List<SendCommand> commands = new ArrayList<>();
            try (CqlSession session = ns.stack().cassandra().newSession()) {
                define(session, ks, "receipt", "transactional", null); // the default: one
                define(session, ks, "news", "marketing", null); // the first marked for marketing: two
                define(session, ks, "digest", "marketing", "one"); // named
                define(session, ks, "old", "transactional", "gone"); // a name not configured: the default, one
                Map<String, Integer> sends = Map.of("receipt", 6, "news", 20, "digest", 3, "old", 2);
                Instant now = Instant.now();
                sends.forEach((email, n) -> {
                    for (int i = 0; i < n; i++) {
                        String contact = email + "-" + i;
                        SendWorkerIT.address(session, ns, contact);
                        commands.add(EngineSends.email("s-" + contact, contact, email, !email.equals("news") && !email.equals("digest"), now));
                    }
                });
                commands.forEach(c -> EngineSends.store(session, ks, c));
                EngineSends.publish(config, commands);
                long t0 = System.nanoTime();
                try (SendWorkers workers = SendWorkers.start(config, "https://t.shop.example")) {
                    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                            .until(() -> one.arrivals().size() + two.arrivals().size() >= commands.size());
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                assertThat(byEmail(one)).isEqualTo(Map.of("receipt", 6L, "digest", 3L, "old", 2L));
                assertThat(byEmail(two)).isEqualTo(Map.of("news", 20L));

                List<Instant> times = two.arrivals().stream().map(StoredMessage::getReceivedDate).map(java.util.Date::toInstant).sorted().toList();
                double spread = Duration.between(times.get(0), times.get(times.size() - 1)).toMillis() / 1000.0;
                double measured = (times.size() - 1) / spread;
                int busiest = busiestSecond(times);
                System.out.printf("transports IT: %d over one, %d over two in %.1f s; two at %d/s: %d arrivals spread over %.2f s = %.2f/s,"
                        + " at most %d in any second%n", one.arrivals().size(), times.size(), seconds, RATE, times.size(), spread, measured, busiest);
                // One permit every 200 ms: 20 sends take at least 19 intervals, 3.8 s. A message arrives after its permit by its SMTP
                // exchange and its claim (a Cassandra transaction), which vary, so a second of arrivals can hold the permits of a
                // little more than a second (RATE + 1 from the bucket, one more for that), and the spread can come out shorter
                // than the permits' by that variation (10% allowed).
                assertThat(measured).as("arrivals per second over the spread").isLessThanOrEqualTo(RATE * 1.1);
                assertThat(busiest).isLessThanOrEqualTo(RATE + 2);
                assertThat(SendWorkerIT.states(session, ks).values()).hasSize(commands.size()).containsOnly("sent");
            }
        }
    }

    @Test
    void aSendThatGetsNoPermitInTimeIsTriedAgainWithoutCountingAnAttempt(TestNamespace ns) throws Exception {
        try (Smtp slow = new Smtp()) {
            // 4 threads at 2/s with 100 ms of wait: most tries find the next permit too far away.
            LeadStreamConfig config = SendWorkerIT.workerConfig(ns).with(WorkerOptions.COUNT, 4).with(WorkerOptions.TRANSPORT_WAIT, Duration.ofMillis(100))
                    .with(WorkerOptions.TRANSPORTS, "slow=smtp://127.0.0.1:" + slow.port + "?rate=2");
            String ks = ns.keyspace();
            try (CqlSession session = ns.stack().cassandra().newSession()) {
                define(session, ks, "receipt", "transactional", null);
                List<SendCommand> commands = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    SendWorkerIT.address(session, ns, "c" + i);
                    commands.add(EngineSends.email("t-" + i, "c" + i, "receipt", true, Instant.now()));
                }
                commands.forEach(c -> EngineSends.store(session, ks, c));
                EngineSends.publish(config, commands);
                try (SendWorkers workers = SendWorkers.start(config, "https://t.shop.example")) {
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> slow.arrivals().size() >= 8);
                    Thread.sleep(1000); // anything sent twice would land by now
                }
                assertThat(slow.arrivals()).hasSize(8);
                List<Instant> times = slow.arrivals().stream().map(m -> m.getReceivedDate().toInstant()).sorted().toList();
                assertThat(Duration.between(times.get(0), times.get(7))).as("8 at 2/s: 7 intervals of 500 ms").isGreaterThan(Duration.ofMillis(3200));
                assertThat(session.execute("SELECT state, attempts FROM " + ks + ".outbox_state").all())
                        .extracting(r -> r.getString("state") + " " + r.getInt("attempts")).hasSize(8).containsOnly("sent 1");
                assertThat(SendWorkerIT.reported(ns)).as("no retry reported").hasSize(8).allSatisfy(r -> assertThat(r).endsWith(" SENT"));
            }
        }
    }

    private static void define(CqlSession session, String ks, String id, String type, String transport) {
        session.execute("INSERT INTO " + ks + ".definitions (kind, id, document) VALUES ('emails', ?, ?)", id, """
                {"id": "%s", "name": "%s", "type": "%s", "from": "news@shop.example", "subject": "%s", "html": "<p>x</p>", "text": "x"%s}"""
                .formatted(id, id, type, id, transport == null ? "" : ", \"transport\": \"" + transport + "\""));
    }

    /** The subjects (the email ids) a server received, counted. */
    private static Map<String, Long> byEmail(Smtp server) throws MessagingException {
        List<String> subjects = new ArrayList<>();
        for (StoredMessage m : server.arrivals()) {
            subjects.add(m.getMimeMessage().getSubject());
        }
        return subjects.stream().collect(Collectors.groupingBy(s -> s, TreeMap::new, Collectors.counting()));
    }

    /** The most arrivals in any one second (a window starting at an arrival). */
    private static int busiestSecond(List<Instant> sorted) {
        int most = 0;
        for (int i = 0; i < sorted.size(); i++) {
            int n = 0;
            for (int j = i; j < sorted.size() && sorted.get(j).isBefore(sorted.get(i).plusSeconds(1)); j++) {
                n++;
            }
            most = Math.max(most, n);
        }
        return most;
    }

    /** A GreenMail SMTP server of the test's own, keeping each message with the time it arrived. */
    private static final class Smtp implements AutoCloseable {
        final int port = FreePorts.next();
        final GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

        Smtp() {
            mail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
            mail.start();
        }

        List<StoredMessage> arrivals() {
            return mail.getManagers().getImapHostManager().getAllMessages();
        }

        @Override
        public void close() {
            mail.stop();
        }
    }
}
