package io.leadstream.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.common.config.GatewayOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.common.kafka.TopicAdmin;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.engine.DeliveryResult;
import io.leadstream.stack.TopicReader;
import io.leadstream.common.email.EmailToken;
import io.leadstream.common.email.SignedTokens;
import io.leadstream.email.EmailRenderer;
import io.leadstream.email.TrackingLinks;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Send workers against real Cassandra and a real SMTP server (GreenMail). Two worker processes and
 * messages in the outbox, some tried by a process that died mid-send and in shards it held (their
 * leases still running, or lapsed):
 * every message arrives exactly once, rendered for its contact, with a tracked link that verifies
 * to its target and the unsubscribe headers; every state row ends "sent". And the send-time rules:
 * do-not-contact and once per contact for marketing email, neither for transactional.
 */
@ExtendWith(LeadStreamStackExtension.class)
class SendWorkerIT {
    private static final String SECRET = "send-worker-it-secret-0123456789abcdef";
    private static final int MESSAGES = 300;

    @Test
    void twoWorkersDeliverEveryMessageOnceAndTakeOverADeadWorkersClaims(TestNamespace ns) throws Exception {
        LeadStreamConfig config = workerConfig(ns).with(WorkerOptions.LEASE, Duration.ofSeconds(3)).with(GatewayOptions.TOKEN_SECRET, SECRET);
        String ks = ns.keyspace();
        String domain = domain(ns);
        Instant now = Instant.now();
        List<String> ids = new ArrayList<>();
        try (CqlSession session = ns.stack().cassandra().newSession()) {
            session.execute("INSERT INTO " + ks + ".definitions (kind, id, document) VALUES ('emails', 'welcome', ?)", """
                    {"id": "welcome", "name": "Welcome", "type": "marketing", "from": "news@shop.example", "fromName": "Shop",
                     "subject": "Hello {contactfield=firstname|there}",
                     "html": "<p>Hi {contactfield=firstname|there}, <a href=\\"https://shop.example/new?x=1\\">new</a></p>",
                     "text": "Hi {contactfield=firstname|there}"}""");
            for (int i = 0; i < MESSAGES; i++) {
                String contact = "c-" + i;
                String id = "send-" + i;
                ids.add(id);
                session.execute("INSERT INTO " + ks + ".contact_fields (contact_id, field, value) VALUES (?, 'email', ?)", contact, contact + "@" + domain);
                session.execute("INSERT INTO " + ks + ".contact_fields (contact_id, field, value) VALUES (?, 'firstname', ?)", contact, "Ann" + i);
                Instant due = now.minusSeconds(i % 90);
                outbox(session, ks, id, contact, "welcome", false, due);
                if (i % 10 == 0) {
                    // Tried by a process that died mid-send, before the final dot: sent again.
                    session.execute("INSERT INTO " + ks + ".outbox_state (command_id, state, worker, attempts) VALUES (?, 'claimed', 'dead-worker', 1)", id);
                }
            }
            // The dead process held four shards: two leases run a while yet, two have lapsed.
            for (int shard = 0; shard < 4; shard++) {
                session.execute("INSERT INTO " + ks + ".outbox_leases (shard, owner, lease_until) VALUES (?, 'dead-process', ?)", shard,
                        shard % 2 == 0 ? now.plusSeconds(2) : now.minusSeconds(5));
            }

            // Two worker processes' worth: each its own scanner, session and SMTP connection.
            try (SendWorkers w1 = SendWorkers.start(config, "https://t.shop.example");
                 SendWorkers w2 = SendWorkers.start(config, "https://t.shop.example")) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> ns.stack().smtp().receivedFor(domain).size() >= MESSAGES);
                Thread.sleep(1000); // anything sent twice would land by now
            }

            List<MimeMessage> received = ns.stack().smtp().receivedFor(domain);
            List<String> messageIds = new ArrayList<>();
            for (MimeMessage m : received) {
                messageIds.add(m.getMessageID());
            }
            assertThat(messageIds).as("one message per send, none twice").doesNotHaveDuplicates().hasSize(MESSAGES);
            assertThat(messageIds.stream().map(m -> m.substring(1, m.indexOf('@'))).collect(Collectors.toSet()))
                    .isEqualTo(Set.copyOf(ids));

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

            Map<String, Long> states = session.execute("SELECT state FROM " + ks + ".outbox_state").all().stream()
                    .collect(Collectors.groupingBy(r -> r.getString("state"), Collectors.counting()));
            assertThat(states).isEqualTo(Map.of("sent", (long) MESSAGES));
            Map<String, Long> byProcess = session.execute("SELECT worker FROM " + ks + ".outbox_state").all().stream()
                    .collect(Collectors.groupingBy(r -> r.getString("worker").replaceAll("-\\d+$", ""), Collectors.counting()));
            assertThat(byProcess).as("messages per worker process").hasSize(2);
            System.out.printf("send worker IT: %d messages once each; by process %s; %d taken over from a dead worker%n",
                    MESSAGES, byProcess.values(), MESSAGES / 10);
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
                session.execute("INSERT INTO " + ks + ".contact_fields (contact_id, field, value) VALUES (?, 'email', ?)", contact, contact + "@" + domain);
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
                    "skipped (marketing email marketing already sent to this contact)");
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
            session.execute("INSERT INTO " + ks + ".contact_fields (contact_id, field, value) VALUES ('busy', 'email', ?)", "busy@" + domain);
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
            scanOnce(config);
            assertThat(session.execute("SELECT command_id, state, detail FROM " + ks + ".outbox_state").all().stream()
                    .collect(Collectors.toMap(r -> r.getString("command_id"), SendWorkerIT::outcome)))
                    .isEqualTo(Map.of("s-none", "skipped (the contact has no email address)"));

            session.execute("INSERT INTO " + ks + ".contact_fields (contact_id, field, value) VALUES ('new', 'email', ?)", "new@" + domain);
            scanOnce(config);
            assertThat(session.execute("SELECT state FROM " + ks + ".outbox_state WHERE command_id = 's-new'").one().getString("state")).isEqualTo("sent");
            assertThat(ns.stack().smtp().receivedFor(domain)).hasSize(1);
        }
    }

    @Test
    void aMessageStoredLateIntoAMinuteTheScanHadClosedIsStillSent(TestNamespace ns) throws Exception {
        LeadStreamConfig config = workerConfig(ns);
        String ks = ns.keyspace();
        String domain = domain(ns);
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        MovingClock clock = new MovingClock(minute.plusSeconds(5));
        try (CqlSession session = ns.stack().cassandra().newSession(); OutboxStore store = new OutboxStore(config);
             SmtpMailer mailer = new SmtpMailer(config); KafkaDeliveryReports reports = new KafkaDeliveryReports(config, "send-worker-it")) {
            defineEmail(session, ks, "welcome", "transactional");
            session.execute("INSERT INTO " + ks + ".contact_fields (contact_id, field, value) VALUES ('late', 'email', ?)", "late@" + domain);
            WorkerParts process = WorkerParts.start("late", config, store, mailer, reports, clock);
            DoneMessages done = new DoneMessages(1000);
            process.pass(done); // five seconds into the minute: the minute before is closed
            // Due in the last second of the minute before, stored only now (the engine's write was in flight across the minute's end).
            outbox(session, ks, "s-late", "late", "welcome", true, minute.minusMillis(300));
            clock.advance(Duration.ofSeconds(1));
            process.pass(done);
            process.leases().release();
            assertSentOnce(ns, session, "s-late");
        }
    }

    @Test
    void aSendTheEngineWritesMinutesLateGoesOnceThoughAReplayWroteItTwice(TestNamespace ns) throws Exception {
        LeadStreamConfig config = workerConfig(ns);
        String ks = ns.keyspace();
        String domain = domain(ns);
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        MovingClock clock = new MovingClock(minute.plusSeconds(5));
        try (CqlSession session = ns.stack().cassandra().newSession(); OutboxStore store = new OutboxStore(config);
             SmtpMailer mailer = new SmtpMailer(config); KafkaDeliveryReports reports = new KafkaDeliveryReports(config, "send-worker-it")) {
            defineEmail(session, ks, "receipt", "transactional");
            session.execute("INSERT INTO " + ks + ".contact_fields (contact_id, field, value) VALUES ('behind', 'email', ?)", "behind@" + domain);
            WorkerParts process = WorkerParts.start("behind", config, store, mailer, reports, clock);
            DoneMessages done = new DoneMessages(1000);
            process.pass(done); // the scan is at the current minute: every earlier one is closed
            // Due three minutes ago (the engine was catching up), written now; then written again two seconds
            // later (a restored engine replayed it), so it has two rows: filed as the engine files them.
            Instant due = minute.minus(Duration.ofMinutes(3));
            outbox(session, ks, "s-behind", "behind", "receipt", true, OutboxLayout.filedDue(due, clock.instant()));
            outbox(session, ks, "s-behind", "behind", "receipt", true, OutboxLayout.filedDue(due, clock.instant().plusSeconds(2)));
            clock.advance(Duration.ofSeconds(3));
            process.pass(done);
            clock.advance(Duration.ofSeconds(1));
            process.pass(done);
            process.leases().release();
            assertSentOnce(ns, session, "s-behind");
        }
    }

    @Test
    void aShardTakenOverIsScannedFromAMinuteBeforeWhereItsLastHolderStood(TestNamespace ns) throws Exception {
        LeadStreamConfig config = workerConfig(ns);
        String ks = ns.keyspace();
        String domain = domain(ns);
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        MovingClock clock = new MovingClock(minute.plusSeconds(5));
        try (CqlSession session = ns.stack().cassandra().newSession(); OutboxStore store = new OutboxStore(config);
             SmtpMailer mailer = new SmtpMailer(config); KafkaDeliveryReports reports = new KafkaDeliveryReports(config, "send-worker-it")) {
            defineEmail(session, ks, "receipt", "transactional");
            for (String contact : List.of("edge", "old")) {
                session.execute("INSERT INTO " + ks + ".contact_fields (contact_id, field, value) VALUES (?, 'email', ?)", contact, contact + "@" + domain);
            }
            // Two holders in turn under one name, so the roll counts one process and each holds every shard.
            ShardLeases first = new ShardLeases("holder", store.leases(), clock, config.get(WorkerOptions.LEASE));
            first.maintain();
            new OutboxScanner(store, first, clock, config.get(WorkerOptions.LOOKBACK)).pass(new DoneMessages(10), m -> true);
            first.release();
            assertThat(store.scanCursor(OutboxLayout.shard("edge"))).as("where the first holder's scan stood").isEqualTo(minute);

            // Filed in the minute before (written as the first holder stopped), and one five minutes back, where
            // nothing is ever filed once the scan stood past it: the next holder reads the first, not the second.
            outbox(session, ks, "s-edge", "edge", "receipt", true, minute.minusSeconds(20));
            outbox(session, ks, "s-old", "old", "receipt", true, minute.minus(Duration.ofMinutes(5)));
            WorkerParts next = WorkerParts.start("holder", config, store, mailer, reports, clock);
            next.pass(new DoneMessages(10));
            next.leases().release();
            assertThat(session.execute("SELECT command_id, state FROM " + ks + ".outbox_state").all().stream()
                    .collect(Collectors.toMap(r -> r.getString("command_id"), r -> r.getString("state")))).isEqualTo(Map.of("s-edge", "sent"));
        }
    }

    /** The message is recorded sent, and its test's domain got one email. */
    private static void assertSentOnce(TestNamespace ns, CqlSession session, String commandId) {
        assertThat(session.execute("SELECT state FROM " + ns.keyspace() + ".outbox_state WHERE command_id = ?", commandId).one()).isNotNull()
                .extracting(r -> r.getString("state")).isEqualTo("sent");
        assertThat(ns.stack().smtp().receivedFor(domain(ns))).hasSize(1);
    }

    /** Workers of these tests: the shared SMTP server, quick polls; the keyspace's tables made. */
    private static LeadStreamConfig workerConfig(TestNamespace ns) {
        LeadStreamConfig config = ns.config()
                .with(WorkerOptions.SMTP_HOST, ns.stack().smtp().host())
                .with(WorkerOptions.SMTP_PORT, ns.stack().smtp().port())
                .with(WorkerOptions.POLL_INTERVAL, Duration.ofMillis(100))
                .with(WorkerOptions.LOOKBACK, Duration.ofMinutes(10));
        CassandraSchema.apply(config);
        TopicAdmin.ensureTopics(config);
        return config;
    }

    /** The test's own recipient domain: the SMTP server is shared by every test in the JVM. */
    private static String domain(TestNamespace ns) {
        return ns.keyspace().replace('_', '-') + ".example";
    }

    private static EmailRenderer renderer() {
        return new EmailRenderer(new TrackingLinks("https://t.shop.example", new SignedTokens(SECRET)));
    }

    private static void defineEmail(CqlSession session, String ks, String id, String type) {
        session.execute("INSERT INTO " + ks + ".definitions (kind, id, document) VALUES ('emails', ?, ?)", id, """
                {"id": "%s", "name": "%s", "type": "%s", "from": "news@shop.example", "subject": "%s", "html": "<p>x</p>", "text": "x"}"""
                .formatted(id, id, type, id));
    }

    private static void outbox(CqlSession session, String ks, String commandId, String contact, String emailId, boolean transactional, Instant due) {
        session.execute("INSERT INTO " + ks + ".outbox (bucket, shard, due, command_id, channel, contact_id, email_id, transactional)"
                + " VALUES (?, ?, ?, ?, 'EMAIL', ?, ?, ?)", OutboxLayout.bucket(due), OutboxLayout.shard(contact), due, commandId, contact, emailId,
                transactional);
    }

    /** A worker process's parts run in the test's thread on the test's clock: its leases (taken), one send worker, its scanner. */
    private record WorkerParts(ShardLeases leases, SendWorker worker, OutboxScanner scanner) {
        static WorkerParts start(String name, LeadStreamConfig config, OutboxStore store, SmtpMailer mailer, KafkaDeliveryReports reports, Clock clock) {
            ShardLeases leases = new ShardLeases(name, store.leases(), clock, config.get(WorkerOptions.LEASE));
            leases.maintain();
            SendWorker worker = new SendWorker("w", config, store, leases, new EmailDelivery(config, store, mailer, renderer(), clock),
                    new WebhookDelivery(config, store.webhooks(), HttpClient.newHttpClient(), clock), reports, clock);
            return new WorkerParts(leases, worker, new OutboxScanner(store, leases, clock, config.get(WorkerOptions.LOOKBACK)));
        }

        void pass(DoneMessages done) {
            scanner.pass(done, worker::handle);
        }
    }

    /** One worker process alone (so it holds every shard), one send thread, one pass over the outbox; its reports flushed to Kafka. */
    private static void scanOnce(LeadStreamConfig config) {
        Clock clock = Clock.systemUTC();
        try (OutboxStore store = new OutboxStore(config); SmtpMailer mailer = new SmtpMailer(config);
             KafkaDeliveryReports reports = new KafkaDeliveryReports(config, "send-worker-it")) {
            WorkerParts process = WorkerParts.start("scan-once", config, store, mailer, reports, clock);
            assertThat(process.leases().scannable()).hasSize(OutboxLayout.SHARDS);
            process.pass(new DoneMessages(1000));
            process.leases().release();
        }
    }

    /** The delivery results the workers reported, as "commandId STATUS". */
    static List<String> reported(TestNamespace ns) {
        return TopicReader.readAll(ns.stack().kafka().bootstrapServers(), TopicNames.from(ns.config()).deliveryResults(), Duration.ofSeconds(30))
                .stream().map(r -> AvroCodec.of(DeliveryResult.class).decode(r.value()))
                .map(d -> d.getCommandId() + " " + d.getStatus()).toList();
    }

    private static String outcome(Row r) {
        return r.getString("state") + (r.getString("detail") == null ? "" : " (" + r.getString("detail") + ")");
    }
}
