package io.leadstream.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.common.email.EmailToken;
import io.leadstream.common.email.SignedTokens;
import io.leadstream.common.kafka.KafkaKeys;
import io.leadstream.common.kafka.TopicAdmin;
import io.leadstream.email.EmailRenderer;
import io.leadstream.email.LinkOptions;
import io.leadstream.email.TrackingLinks;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.engine.DeliveryResult;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.stack.TopicReader;
import io.leadstream.store.cassandra.CassandraSchema;
import io.leadstream.store.cassandra.OutboxLayout;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Send workers against real Kafka, Cassandra and a real SMTP server (GreenMail). Two worker
 * processes sharing the send-commands partitions: every command arrives exactly once, rendered for
 * its contact, with a tracked link that verifies to its target and the unsubscribe headers. The
 * claims: two workers holding one command send it once. The scan: a retry left to it, a message stored late, written twice,
 * or in a partition taken over. And the send-time rules: do-not-contact and once per contact for
 * marketing email, neither for transactional. Cassandra failing around the final dot: {@link CommitGateFailuresIT}.
 */
@ExtendWith(LeadStreamStackExtension.class)
class SendWorkerIT {
    private static final String SECRET = "send-worker-it-secret-0123456789abcdef";
    private static final int MESSAGES = 300;

    @Test
    void twoWorkerProcessesShareThePartitionsAndDeliverEveryCommandOnce(TestNamespace ns) throws Exception {
        LeadStreamConfig config = workerConfig(ns).with(WorkerOptions.COMMIT_TIMEOUT, Duration.ofSeconds(5));
        String ks = ns.keyspace();
        String domain = domain(ns);
        Instant now = Instant.now();
        List<String> ids = new ArrayList<>();
        List<SendCommand> commands = new ArrayList<>();
        try (CqlSession session = ns.stack().cassandra().newSession()) {
            session.execute("INSERT INTO " + ks + ".definitions (kind, id, document) VALUES ('emails', 'welcome', ?)", """
                    {"id": "welcome", "name": "Welcome", "type": "marketing", "from": "news@shop.example", "fromName": "Shop",
                     "subject": "Hello {contactfield=firstname|there}",
                     "html": "<p>Hi {contactfield=firstname|there}, <a href=\\"https://shop.example/new?x=1\\">new</a></p>",
                     "text": "Hi {contactfield=firstname|there}"}""");
            List<String> committedByTheDead = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                String contact = "c-" + i;
                String id = "send-" + i;
                address(session, ns, contact);
                session.execute("INSERT INTO " + ks + ".contact_fields (contact_id, field, value) VALUES (?, 'firstname', ?)", contact, "Ann" + i);
                SendCommand c = EngineSends.email(id, contact, "welcome", false, now.minusSeconds(i % 90));
                commands.add(c);
                EngineSends.store(session, ks, c);
                if (i % 10 == 0) {
                    // Tried by an older worker that died mid-send, before the final dot: sent again.
                    session.execute("INSERT INTO " + ks + ".outbox_state (command_id, state, worker, attempts) VALUES (?, 'claimed', 'dead-worker', 1)", id);
                    ids.add(id);
                } else if (i % 10 == 5) {
                    // Marked committing by a worker that died at the final dot a minute ago: the server may have it, never resent.
                    session.execute("INSERT INTO " + ks + ".outbox_state (command_id, worker, attempts, committing_at) VALUES (?, 'dead-worker', 1, ?)",
                            id, now.minusSeconds(60));
                    committedByTheDead.add(id);
                } else {
                    ids.add(id);
                }
            }

            // Two worker processes' worth: each its own consumer, session and SMTP connections; the commands come once both own partitions.
            try (SendWorkers w1 = SendWorkers.start(config, "https://t.shop.example");
                 SendWorkers w2 = SendWorkers.start(config, "https://t.shop.example")) {
                await().atMost(Duration.ofSeconds(60)).until(() -> w1.owned().size() == 2 && w2.owned().size() == 2);
                EngineSends.publish(config, commands);
                // While Kafka moves partitions both processes can hold a command: the loser of its claim abandons the DATA,
                // which GreenMail reports from its own thread.
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).dontCatchUncaughtExceptions()
                        .until(() -> ns.stack().smtp().receivedFor(domain).size() >= ids.size() && states(session, ks).size() == MESSAGES
                                && !states(session, ks).containsValue(null));
                Thread.sleep(1000); // anything sent twice would land by now
            }

            List<MimeMessage> received = ns.stack().smtp().receivedFor(domain);
            List<String> messageIds = new ArrayList<>();
            for (MimeMessage m : received) {
                messageIds.add(m.getMessageID());
            }
            assertThat(messageIds).as("one message per send, none twice").doesNotHaveDuplicates().hasSize(ids.size());
            assertThat(messageIds.stream().map(m -> m.substring(1, m.indexOf('@'))).collect(Collectors.toSet())).isEqualTo(Set.copyOf(ids));

            MimeMessage first = null;
            for (MimeMessage m : received) {
                if (m.getAllRecipients()[0].toString().equals("c-7@" + domain)) {
                    first = m;
                }
            }
            assertThat(first).isNotNull();
            assertThat(first.getSubject()).isEqualTo("Hello Ann7");
            assertThat(first.getHeader("List-Unsubscribe")[0]).startsWith("<https://t.shop.example/email/unsubscribe/");
            assertThat(first.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
            String html = ((MimeMultipart) first.getContent()).getBodyPart(1).getContent().toString();
            Matcher click = Pattern.compile("href=\"https://t\\.shop\\.example/r/([^\"]+)\"").matcher(html);
            assertThat(click.find()).as(html).isTrue();
            EmailToken token = new SignedTokens(SECRET).verify(click.group(1));
            assertThat(token).isNotNull();
            assertThat(Map.of("url", token.url(), "contact", token.contactId(), "send", token.sendId()))
                    .isEqualTo(Map.of("url", "https://shop.example/new?x=1", "contact", "c-7", "send", "send-7"));
            assertThat(html).contains("Hi Ann7").contains("https://t.shop.example/email/");

            Map<String, String> states = states(session, ks);
            assertThat(states.values().stream().collect(Collectors.groupingBy(s -> s, Collectors.counting())))
                    .isEqualTo(Map.of("sent", (long) ids.size(), "unconfirmed", (long) committedByTheDead.size()));
            assertThat(committedByTheDead).allSatisfy(id -> assertThat(states.get(id)).isEqualTo("unconfirmed"));
            Map<String, Long> byProcess = session.execute("SELECT worker FROM " + ks + ".outbox_state").all().stream()
                    .collect(Collectors.groupingBy(r -> r.getString("worker").replaceAll("-\\d+$", ""), Collectors.counting()));
            assertThat(byProcess).as("messages per worker process").hasSize(2);
            assertThat(committedOffsets(config)).as("every record finished, every offset committed")
                    .isEqualTo(endOffsets(config));
            System.out.printf("send worker IT: %d messages once each; by process %s; %d taken over from a dead worker, %d closed unconfirmed%n",
                    ids.size(), byProcess.values(), MESSAGES / 10, committedByTheDead.size());
        }
    }

    @Test
    void aRetryLeftToTheScanIsFiledInTheOutboxItsRecordCommittedAndSentFromThere(TestNamespace ns) throws Exception {
        // No SMTP server where the first workers deliver: the send fails before the dot, a transient failure.
        LeadStreamConfig config = workerConfig(ns).with(WorkerOptions.RETRY_BACKOFF, Duration.ofSeconds(5))
                .with(WorkerOptions.HOLD, Duration.ZERO).with(WorkerOptions.SCAN_INTERVAL, Duration.ofSeconds(1));
        String ks = ns.keyspace();
        String domain = domain(ns);
        try (CqlSession session = ns.stack().cassandra().newSession()) {
            defineEmail(session, ks, "receipt", "transactional");
            address(session, ns, "later");
            // Only in Kafka: the engine's outbox row is not written (yet, or ever).
            EngineSends.publish(config, List.of(EngineSends.email("s-later", "later", "receipt", true, Instant.now())));
            try (SendWorkers down = SendWorkers.start(config.with(WorkerOptions.SMTP_PORT, closedPort()), "https://t.shop.example")) {
                await().atMost(Duration.ofSeconds(60)).until(() -> committedOffsets(config).equals(endOffsets(config)));
            }
            Row state = session.execute("SELECT state, attempts, retry_at, detail FROM " + ks + ".outbox_state WHERE command_id = 's-later'").one();
            assertThat(state.getString("state")).isNull();
            assertThat(state.getInt("attempts")).isEqualTo(1);
            assertThat(session.execute("SELECT due FROM " + ks + ".outbox WHERE bucket = ? AND shard = ?",
                    OutboxLayout.bucket(state.getInstant("retry_at")), OutboxLayout.shard("later")).one().getInstant("due"))
                    .as("filed under its retry time").isEqualTo(state.getInstant("retry_at"));

            // Its record is committed: the next workers get it from the scan only.
            try (SendWorkers up = SendWorkers.start(config, "https://t.shop.example")) {
                await().atMost(Duration.ofSeconds(60)).until(() -> ns.stack().smtp().receivedFor(domain).size() == 1);
            }
            assertSentOnce(ns, session, "s-later");
            assertThat(reported(ns)).containsExactly("s-later DEFERRED", "s-later SENT");
        }
    }

    @Test
    void twoWorkersHoldingOneCommandSendItOnce(TestNamespace ns) throws Exception {
        LeadStreamConfig config = workerConfig(ns);
        String ks = ns.keyspace();
        try (CqlSession session = ns.stack().cassandra().newSession(); OutboxStore store = new OutboxStore(config);
             SmtpMailer mailerA = new SmtpMailer(config); SmtpMailer mailerB = new SmtpMailer(config);
             KafkaDeliveryReports reports = new KafkaDeliveryReports(config, "send-worker-it")) {
            defineEmail(session, ks, "welcome", "marketing");
            address(session, ns, "both");
            OutboxMessage m = OutboxMessage.of(EngineSends.email("s-both", "both", "welcome", false, Instant.now()));
            Recipient r = store.recipients(List.of("both")).get("both");
            // Kafka moved the partition while the first owner had the command: both read it unsent.
            WorkerParts a = WorkerParts.start("a", config, store, mailerA, reports, Clock.systemUTC());
            WorkerParts b = WorkerParts.start("b", config, store, mailerB, reports, Clock.systemUTC());
            assertThat(a.worker().handle(m, null, r).done()).isTrue();
            SendWorker.Result second = b.worker().handle(m, null, r);
            assertThat(second.done()).as("its committing mark lost to the first: it reads the row again").isFalse();
            assertThat(b.worker().handle(m, store.states(List.of("s-both")).get("s-both"), r).done()).isTrue();
            assertSentOnce(ns, session, "s-both");
        }
    }

    @Test
    void marketingEmailSkipsDoNotContactAndGoesOncePerContactWhileTransactionalGoes(TestNamespace ns) throws Exception {
        LeadStreamConfig config = workerConfig(ns);
        String ks = ns.keyspace();
        String domain = domain(ns);
        Instant now = Instant.now();
        try (CqlSession session = ns.stack().cassandra().newSession()) {
            for (String type : List.of("marketing", "transactional")) {
                defineEmail(session, ks, type, type);
            }
            for (String contact : List.of("optout", "twice")) {
                address(session, ns, contact);
            }
            // The opt-out is recorded under an id merged into the contact: it still counts.
            session.execute("INSERT INTO " + ks + ".contact_merged_ids (target_id, alias_id) VALUES ('optout', 'optout-phone')");
            session.execute("INSERT INTO " + ks + ".contact_dnc (contact_id, channel, dnc, reason) VALUES ('optout-phone', 'email', true, 'unsubscribed')");
            String[][] sends = {{"m-optout", "optout", "marketing"}, {"t-optout", "optout", "transactional"},
                    {"m-twice-1", "twice", "marketing"}, {"m-twice-2", "twice", "marketing"}, {"t-twice-1", "twice", "transactional"},
                    {"t-twice-2", "twice", "transactional"}};
            for (String[] s : sends) {
                outbox(session, ks, s[0], s[1], s[2], s[2].equals("transactional"), now);
            }
            scanOnce(config);
            Map<String, String> outcome = session.execute("SELECT command_id, state, detail FROM " + ks + ".outbox_state").all().stream()
                    .collect(Collectors.toMap(r -> r.getString("command_id"), SendWorkerIT::outcome));
            assertThat(outcome).containsEntry("m-optout", "skipped (do not contact)").containsEntry("t-optout", "sent")
                    .containsEntry("t-twice-1", "sent").containsEntry("t-twice-2", "sent");
            assertThat(List.of(outcome.get("m-twice-1"), outcome.get("m-twice-2"))).containsExactlyInAnyOrder("sent",
                    "skipped (already sent to this contact: marketing email marketing)");
            List<String> inbox = new ArrayList<>();
            for (MimeMessage m : ns.stack().smtp().receivedFor(domain)) {
                inbox.add(m.getAllRecipients()[0] + " " + m.getSubject());
            }
            assertThat(inbox).containsExactlyInAnyOrder("optout@" + domain + " transactional", "twice@" + domain + " marketing",
                    "twice@" + domain + " transactional", "twice@" + domain + " transactional");
            String skippedTwice = outcome.get("m-twice-1").equals("sent") ? "m-twice-2" : "m-twice-1";
            assertThat(reported(ns)).containsExactlyInAnyOrder("m-optout SUPPRESSED", "t-optout SENT", "t-twice-1 SENT", "t-twice-2 SENT",
                    skippedTwice + " SUPPRESSED", (skippedTwice.equals("m-twice-1") ? "m-twice-2" : "m-twice-1") + " SENT");
        }
    }

    @Test
    void aContactAtItsFrequencyCapGetsNoMoreMarketingEmail(TestNamespace ns) throws Exception {
        LeadStreamConfig config = workerConfig(ns).with(WorkerOptions.FREQUENCY_CAP, 2).with(WorkerOptions.FREQUENCY_PERIOD, Duration.ofDays(1));
        String ks = ns.keyspace();
        String domain = domain(ns);
        Instant now = Instant.now();
        try (CqlSession session = ns.stack().cassandra().newSession()) {
            address(session, ns, "busy");
            for (String id : List.of("news-1", "news-2", "news-3", "receipt")) {
                String type = id.equals("receipt") ? "transactional" : "marketing";
                defineEmail(session, ks, id, type);
                outbox(session, ks, "s-" + id, "busy", id, type.equals("transactional"), now);
            }
            scanOnce(config);
            Map<String, Long> states = session.execute("SELECT state, detail FROM " + ks + ".outbox_state").all().stream()
                    .collect(Collectors.groupingBy(SendWorkerIT::outcome, Collectors.counting()));
            assertThat(states).isEqualTo(Map.of("sent", 3L, "skipped (frequency cap: 2 marketing emails per PT24H)", 1L));
            assertThat(ns.stack().smtp().receivedFor(domain)).hasSize(3).anySatisfy(m -> assertThat(m.getSubject()).isEqualTo("receipt"));
        }
    }

    @Test
    void aContactsOwnFrequencyAndPauseHoldWithoutADefaultCap(TestNamespace ns) throws Exception {
        LeadStreamConfig config = workerConfig(ns);
        String ks = ns.keyspace();
        String domain = domain(ns);
        Instant now = Instant.now();
        String pausedUntil = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(3).toString();
        try (CqlSession session = ns.stack().cassandra().newSession()) {
            for (String contact : List.of("weekly", "paused", "free")) {
                address(session, ns, contact);
            }
            String field = "INSERT INTO " + ks + ".contact_fields (contact_id, field, value) VALUES (?, ?, ?)";
            session.execute(field, "weekly", "email_frequency_max", "1");
            session.execute(field, "weekly", "email_frequency_period", "week");
            session.execute(field, "paused", "email_paused_until", pausedUntil);
            for (String id : List.of("news-1", "news-2", "receipt")) {
                defineEmail(session, ks, id, id.equals("receipt") ? "transactional" : "marketing");
            }
            for (String contact : List.of("weekly", "paused", "free")) {
                outbox(session, ks, contact + "-1", contact, "news-1", false, now);
                outbox(session, ks, contact + "-2", contact, "news-2", false, now);
            }
            outbox(session, ks, "paused-receipt", "paused", "receipt", true, now);
            scanOnce(config);
            Map<String, Long> states = session.execute("SELECT command_id, state, detail FROM " + ks + ".outbox_state").all().stream()
                    .collect(Collectors.groupingBy(r -> r.getString("command_id").replaceAll("-[0-9]$", "") + " " + outcome(r), Collectors.counting()));
            assertThat(states).isEqualTo(Map.of(
                    "weekly sent", 1L, "weekly skipped (frequency cap: 1 marketing email per week (the contact's choice))", 1L,
                    "paused skipped (paused until " + pausedUntil + ")", 2L, "paused-receipt sent", 1L,
                    "free sent", 2L));
            assertThat(ns.stack().smtp().receivedFor(domain)).hasSize(4);
            assertThat(session.execute("SELECT contact_id FROM " + ks + ".contact_marketing_sends").all()).extracting(r -> r.getString(0))
                    .as("every marketing send counted, with no default cap").containsExactlyInAnyOrder("weekly", "free", "free");
        }
    }

    @Test
    void anEmailWaitsForItsContactsAddressAndIsSkippedOnlyWhenItNeverComes(TestNamespace ns) throws Exception {
        LeadStreamConfig config = workerConfig(ns);
        String ks = ns.keyspace();
        String domain = domain(ns);
        Instant now = Instant.now();
        try (CqlSession session = ns.stack().cassandra().newSession()) {
            defineEmail(session, ks, "welcome", "marketing");
            // Sent at once by a campaign: the send is stored before the sink that stores the new contact's address got to it.
            outbox(session, ks, "s-new", "new", "welcome", false, now);
            // Due two minutes ago, past worker.recipient-wait: its contact has no address and will not get one.
            outbox(session, ks, "s-none", "none", "welcome", false, now.minus(Duration.ofMinutes(2)));
            // An address no server would take, and an email deleted since the send was decided: not sent, on purpose.
            session.execute("INSERT INTO " + ks + ".contact_fields (contact_id, field, value) VALUES ('bad', 'email', 'bad@@example')");
            outbox(session, ks, "s-bad", "bad", "welcome", false, now);
            outbox(session, ks, "s-gone", "new", "gone", false, now);
            scanOnce(config);
            assertThat(session.execute("SELECT command_id, state, detail FROM " + ks + ".outbox_state").all().stream()
                    .collect(Collectors.toMap(r -> r.getString("command_id"), SendWorkerIT::outcome)))
                    .isEqualTo(Map.of("s-none", "skipped (the contact has no email address)", "s-bad", "skipped (not a valid email address: bad@@example)",
                            "s-gone", "skipped (no email definition gone)"));

            address(session, ns, "new");
            scanOnce(config);
            assertThat(session.execute("SELECT state FROM " + ks + ".outbox_state WHERE command_id = 's-new'").one().getString("state")).isEqualTo("sent");
            assertThat(ns.stack().smtp().receivedFor(domain)).hasSize(1);
        }
    }

    @Test
    void aMessageStoredLateIntoAMinuteTheScanHadClosedIsStillSent(TestNamespace ns) throws Exception {
        scanScene(ns, List.of("late"), (session, store, parts, clock, minute) -> {
            WorkerParts process = parts.start("late");
            DoneMessages done = new DoneMessages(1000);
            process.pass(done); // five seconds into the minute: the minute before is closed
            // Due in the last second of the minute before, stored only now (the engine's write was in flight across the minute's end).
            outbox(session, ns.keyspace(), "s-late", "late", "receipt", true, minute.minusMillis(300));
            clock.advance(Duration.ofSeconds(1));
            process.pass(done);
            assertSentOnce(ns, session, "s-late");
        });
    }

    @Test
    void aSendTheEngineWritesMinutesLateGoesOnceThoughAReplayWroteItTwice(TestNamespace ns) throws Exception {
        scanScene(ns, List.of("behind"), (session, store, parts, clock, minute) -> {
            WorkerParts process = parts.start("behind");
            DoneMessages done = new DoneMessages(1000);
            process.pass(done); // the scan is at the current minute: every earlier one is closed
            // Due three minutes ago (the engine was catching up), written now; then written again two seconds
            // later (a restored engine replayed it), so it has two rows: filed as the engine files them.
            Instant due = minute.minus(Duration.ofMinutes(3));
            outbox(session, ns.keyspace(), "s-behind", "behind", "receipt", true, OutboxLayout.filedDue(due, clock.instant()));
            outbox(session, ns.keyspace(), "s-behind", "behind", "receipt", true, OutboxLayout.filedDue(due, clock.instant().plusSeconds(2)));
            clock.advance(Duration.ofSeconds(3));
            process.pass(done);
            clock.advance(Duration.ofSeconds(1));
            process.pass(done);
            assertSentOnce(ns, session, "s-behind");
        });
    }

    @Test
    void aPartitionTakenOverIsScannedFromAMinuteBeforeWhereItsLastOwnerStood(TestNamespace ns) throws Exception {
        scanScene(ns, List.of("edge", "old"), (session, store, parts, clock, minute) -> {
            int partitions = ns.config().get(KafkaOptions.PARTITIONS);
            parts.start("last").scanner().pass(allPartitions(ns.config()), partitions, new DoneMessages(10), id -> false, m -> true);
            assertThat(store.scanCursor(KafkaKeys.partition("edge", partitions), partitions)).as("where the last owner's scan stood").isEqualTo(minute);

            // Filed in the minute before (written as the last owner stopped), and one five minutes back, where
            // nothing is ever filed once the scan stood past it: the next owner reads the first, not the second.
            outbox(session, ns.keyspace(), "s-edge", "edge", "receipt", true, minute.minusSeconds(20));
            outbox(session, ns.keyspace(), "s-old", "old", "receipt", true, minute.minus(Duration.ofMinutes(5)));
            parts.start("next").pass(new DoneMessages(10));
            assertThat(states(session, ns.keyspace())).isEqualTo(Map.of("s-edge", "sent"));
        });
    }

    /** What a scan test does, given a worker process's parts on a clock five seconds into the current minute. */
    @FunctionalInterface
    private interface ScanScene {
        void play(CqlSession session, OutboxStore store, PartsOnTheClock parts, MovingClock clock, Instant minute) throws Exception;
    }

    @FunctionalInterface
    private interface PartsOnTheClock {
        WorkerParts start(String name);
    }

    /** The scan tests' setting: the transactional email "receipt", the contacts with addresses, a clock five seconds into this minute. */
    private static void scanScene(TestNamespace ns, List<String> contacts, ScanScene scene) throws Exception {
        LeadStreamConfig config = workerConfig(ns);
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        MovingClock clock = new MovingClock(minute.plusSeconds(5));
        try (CqlSession session = ns.stack().cassandra().newSession(); OutboxStore store = new OutboxStore(config);
             SmtpMailer mailer = new SmtpMailer(config); KafkaDeliveryReports reports = new KafkaDeliveryReports(config, "send-worker-it")) {
            defineEmail(session, ns.keyspace(), "receipt", "transactional");
            for (String contact : contacts) {
                address(session, ns, contact);
            }
            scene.play(session, store, name -> WorkerParts.start(name, config, store, mailer, reports, clock), clock, minute);
        }
    }

    /** The contact's email address, in the test's own domain. */
    static void address(CqlSession session, TestNamespace ns, String contact) {
        session.execute("INSERT INTO " + ns.keyspace() + ".contact_fields (contact_id, field, value) VALUES (?, 'email', ?)", contact, contact + "@" + domain(ns));
    }

    /** The message is recorded sent, and its test's domain got one email. */
    static void assertSentOnce(TestNamespace ns, CqlSession session, String commandId) {
        assertThat(session.execute("SELECT state FROM " + ns.keyspace() + ".outbox_state WHERE command_id = ?", commandId).one()).isNotNull()
                .extracting(r -> r.getString("state")).isEqualTo("sent");
        assertThat(ns.stack().smtp().receivedFor(domain(ns))).hasSize(1);
    }

    /** Workers of these tests: the shared SMTP server, a quick scan, a partition moved soon after its worker dies; the keyspace's tables made. */
    static LeadStreamConfig workerConfig(TestNamespace ns) {
        LeadStreamConfig config = ns.config()
                .with(WorkerOptions.SMTP_HOST, ns.stack().smtp().host())
                .with(WorkerOptions.SMTP_PORT, ns.stack().smtp().port())
                .with(WorkerOptions.SCAN_INTERVAL, Duration.ofSeconds(2))
                .with(WorkerOptions.SESSION_TIMEOUT, Duration.ofSeconds(6))
                .with(WorkerOptions.LOOKBACK, Duration.ofMinutes(10))
                .with(LinkOptions.TOKEN_SECRET, SECRET);
        CassandraSchema.apply(config);
        TopicAdmin.ensureTopics(config);
        return config;
    }

    /** Each command's state ({@code null} while not done). */
    static Map<String, String> states(CqlSession session, String ks) {
        Map<String, String> out = new HashMap<>();
        session.execute("SELECT command_id, state FROM " + ks + ".outbox_state").forEach(r -> out.put(r.getString("command_id"), r.getString("state")));
        return out;
    }

    /** The test's own recipient domain: the SMTP server is shared by every test in the JVM. */
    static String domain(TestNamespace ns) {
        return ns.keyspace().replace('_', '-') + ".example";
    }

    private static EmailRenderer renderer() {
        return new EmailRenderer(new TrackingLinks("https://t.shop.example", new SignedTokens(SECRET)));
    }

    static void defineEmail(CqlSession session, String ks, String id, String type) {
        session.execute("INSERT INTO " + ks + ".definitions (kind, id, document) VALUES ('emails', ?, ?)", id, """
                {"id": "%s", "name": "%s", "type": "%s", "from": "news@shop.example", "subject": "%s", "html": "<p>x</p>", "text": "x"}"""
                .formatted(id, id, type, id));
    }

    private static void outbox(CqlSession session, String ks, String commandId, String contact, String emailId, boolean transactional, Instant due) {
        EngineSends.store(session, ks, EngineSends.email(commandId, contact, emailId, transactional, due));
    }

    private static List<Integer> allPartitions(LeadStreamConfig config) {
        return IntStream.range(0, config.get(KafkaOptions.PARTITIONS)).boxed().toList();
    }

    /**
     * A worker process's parts run in the test's thread on the test's clock: one send worker and the
     * scan of every partition, each message handled at once with its state and recipient as read then.
     */
    record WorkerParts(OutboxStore store, SendWorker worker, OutboxScanner scanner, List<Integer> partitions) {
        static WorkerParts start(String name, LeadStreamConfig config, OutboxStore store, SmtpMailer mailer, KafkaDeliveryReports reports, Clock clock) {
            SendWorker worker = new SendWorker(name, config, store, new EmailDelivery(config, store, mailer, renderer(), store.choices(clock), clock),
                    new WebhookDelivery(config, store.webhooks(), HttpClient.newHttpClient(), clock,
                    new WebhookDisabledNotice(config)), reports, clock);
            return new WorkerParts(store, worker, new OutboxScanner(store, clock, config.get(WorkerOptions.LOOKBACK), Duration.ZERO),
                    allPartitions(config));
        }

        SendWorker.Result handleNow(OutboxMessage m) {
            Recipient r = store.recipients(List.of(m.contactId())).getOrDefault(m.contactId(), Recipient.unknown(m.contactId()));
            return worker.handle(m, store.states(List.of(m.commandId())).get(m.commandId()), r);
        }

        void pass(DoneMessages done) {
            scanner.pass(partitions, partitions.size(), done, id -> false, m -> handleNow(m).done());
        }
    }

    /** One worker process's parts alone, one pass over the outbox; its reports flushed to Kafka. */
    private static void scanOnce(LeadStreamConfig config) {
        try (OutboxStore store = new OutboxStore(config); SmtpMailer mailer = new SmtpMailer(config);
             KafkaDeliveryReports reports = new KafkaDeliveryReports(config, "send-worker-it")) {
            WorkerParts.start("scan-once", config, store, mailer, reports, Clock.systemUTC()).pass(new DoneMessages(1000));
        }
    }

    /** The delivery results the workers reported, as "commandId STATUS". */
    static List<String> reported(TestNamespace ns) {
        return TopicReader.readAll(ns.stack().kafka().bootstrapServers(), TopicNames.from(ns.config()).deliveryResults(), Duration.ofSeconds(30))
                .stream().map(r -> AvroCodec.of(DeliveryResult.class).decode(r.value()))
                .map(d -> d.getCommandId() + " " + d.getStatus()).toList();
    }

    /** The send workers' committed offsets on send-commands, by partition (partitions with none left out). */
    static Map<Integer, Long> committedOffsets(LeadStreamConfig config) throws Exception {
        try (Admin admin = admin(config)) {
            ListConsumerGroupOffsetsResult r = admin.listConsumerGroupOffsets(CommandConsumer.properties(config, "it").getProperty("group.id"));
            Map<Integer, Long> out = new HashMap<>();
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : r.partitionsToOffsetAndMetadata().get().entrySet()) {
                if (e.getValue() != null && e.getKey().topic().equals(TopicNames.from(config).sendCommands())) {
                    out.put(e.getKey().partition(), e.getValue().offset());
                }
            }
            return out;
        }
    }

    /** The end offsets of send-commands' partitions that have records. */
    static Map<Integer, Long> endOffsets(LeadStreamConfig config) throws Exception {
        try (Admin admin = admin(config)) {
            String topic = TopicNames.from(config).sendCommands();
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
            for (int p : allPartitions(config)) {
                latest.put(new TopicPartition(topic, p), org.apache.kafka.clients.admin.OffsetSpec.latest());
            }
            Map<Integer, Long> out = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> {
                if (info.offset() > 0) {
                    out.put(tp.partition(), info.offset());
                }
            });
            return out;
        }
    }

    private static Admin admin(LeadStreamConfig config) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(KafkaOptions.BOOTSTRAP_SERVERS)));
    }

    /** A port nothing listens on. */
    private static int closedPort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String outcome(Row r) {
        return r.getString("state") + (r.getString("detail") == null ? "" : " (" + r.getString("detail") + ")");
    }
}
