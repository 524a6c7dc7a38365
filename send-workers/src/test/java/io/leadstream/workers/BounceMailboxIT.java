package io.leadstream.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.event.BounceKind;
import io.leadstream.schemas.event.EmailBounce;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.stack.FreePorts;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.stack.TopicReader;
import io.leadstream.store.cassandra.CassandraSchema;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bounce mailbox against a real IMAP server (GreenMail), Kafka and Cassandra: a relay's delivery
 * status notification for an email a worker really sent arrives in the mailbox, and the contact's
 * bounce of that send is on raw-events as the gateway's bounce endpoint would publish it; the
 * notification then leaves the mailbox, while a message that is no notification stays, marked seen.
 * One whose bounce cannot be recorded (Cassandra failing) stays unseen, and is recorded once it can.
 */
@ExtendWith(LeadStreamStackExtension.class)
class BounceMailboxIT {
    private static final AvroCodec<TrackingEvent> EVENTS = AvroCodec.of(TrackingEvent.class);

    @Test
    void aNotificationForARealSendIsItsContactsBounceOnKafkaAndLeavesTheMailbox(TestNamespace ns) throws Exception {
        try (Imap imap = new Imap(); CqlSession session = ns.stack().cassandra().newSession()) {
            GreenMailUser box = imap.box;
            LeadStreamConfig config = imap.workerConfig(ns);
            String ks = ns.keyspace();
            String domain = SendWorkerIT.domain(ns);
            String address = "ann@" + domain;
            SendWorkerIT.defineEmail(session, ks, "welcome", "marketing");
            SendWorkerIT.address(session, ns, "ann");
            // The engine's identifier row: whom the address belongs to, as the gateway's bounce endpoint reads it too.
            session.execute("INSERT INTO " + ks + ".contacts_by_identifier (field, value, contact_id) VALUES ('email', ?, 'ann')", address);
            EngineSends.publish(config, List.of(EngineSends.email("s-ann", "ann", "welcome", false, Instant.now())));

            try (SendWorkers workers = SendWorkers.start(config, "https://t.shop.example")) {
                await().atMost(Duration.ofSeconds(60)).until(() -> ns.stack().smtp().receivedFor(domain).size() == 1);
                MimeMessage sent = ns.stack().smtp().receivedFor(domain).get(0);
                assertThat(sent.getMessageID()).isEqualTo("<s-ann@shop.example>");

                box.deliver(message("From: a friend <friend@example.com>\r\nSubject: hello\r\nContent-Type: text/plain\r\n\r\nNot a bounce.\r\n"));
                box.deliver(message(dsn("<dsn-1@mx.example>", sent, address, "5.1.1", "smtp; 550 5.1.1 <" + address + ">: User unknown")));
                box.deliver(message(dsn("<dsn-2@mx.example>", sent, "stranger@" + domain, "4.2.2", "smtp; 452 4.2.2 Mailbox full")));
                Instant delivered = Instant.now();

                List<ConsumerRecord<String, byte[]>> read = TopicReader.readUntil(ns.stack().kafka().bootstrapServers(), TopicNames.from(config).rawEvents(),
                        r -> EVENTS.decode(r.value()).getPayload() instanceof EmailBounce, Duration.ofSeconds(30));
                ConsumerRecord<String, byte[]> record = read.get(read.size() - 1);
                TrackingEvent event = EVENTS.decode(record.value());
                Duration took = Duration.between(delivered, Instant.ofEpochMilli(record.timestamp()));
                assertThat(record.key()).as("keyed as the gateway keys a contact's event").isEqualTo("contact-device:ann");
                assertThat(event.getContactId()).isEqualTo("ann");
                assertThat(event.getContext().getNonTrackableReason()).isEqualTo("bounce report");
                assertThat(event.getPayload()).isEqualTo(EmailBounce.newBuilder().setSendId("s-ann").setAddress(address).setKind(BounceKind.HARD)
                        .setDiagnostic("5.1.1 smtp; 550 5.1.1 <" + address + ">: User unknown").build());

                // Processed: both notifications expunged (the stranger's too: no contact to record it for); the other message stays, seen.
                await().atMost(Duration.ofSeconds(30)).until(() -> imap.inbox().getMessageCount() == 1);
                List<StoredMessage> left = imap.inbox().getMessages();
                assertThat(left).singleElement().satisfies(m -> {
                    assertThat(m.getMimeMessage().getSubject()).isEqualTo("hello");
                    assertThat(m.isSet(Flags.Flag.SEEN)).isTrue();
                    assertThat(m.isSet(Flags.Flag.DELETED)).isFalse();
                });
                Thread.sleep(2500); // two more readings: nothing is published again
                List<TrackingEvent> bounces = TopicReader.readAll(ns.stack().kafka().bootstrapServers(), TopicNames.from(config).rawEvents(),
                        Duration.ofSeconds(30)).stream().map(r -> EVENTS.decode(r.value())).filter(e -> e.getPayload() instanceof EmailBounce).toList();
                assertThat(bounces).containsExactly(event);
                System.out.printf("bounce mailbox IT: DSN in the mailbox to its bounce acknowledged by Kafka in %d ms (reading every 1 s)%n",
                        took.toMillis());
            }
        }
    }

    @Test
    void aNotificationWhoseBounceCannotBeRecordedStaysUnseenAndIsReadAgainLater(TestNamespace ns) throws Exception {
        try (Imap imap = new Imap(); CqlSession session = ns.stack().cassandra().newSession()) {
            GreenMailUser box = imap.box;
            LeadStreamConfig config = imap.workerConfig(ns);
            String ks = ns.keyspace();
            String address = "bob@" + SendWorkerIT.domain(ns);
            try (SendWorkers workers = SendWorkers.start(config, "https://t.shop.example")) {
                // Cassandra cannot say whose the address is: the table it reads is gone.
                session.execute("DROP TABLE " + ks + ".contacts_by_identifier");
                MimeMessage sent = message("From: news@shop.example\r\nTo: " + address + "\r\nMessage-ID: <s-bob@shop.example>\r\nSubject: Hi\r\n\r\nx\r\n");
                box.deliver(message(dsn("<dsn-3@mx.example>", sent, address, "5.1.1", "smtp; 550 5.1.1 User unknown")));
                Thread.sleep(3000); // readings fail meanwhile
                List<StoredMessage> waiting = imap.inbox().getMessages();
                assertThat(waiting).singleElement().satisfies(m -> {
                    assertThat(m.isSet(Flags.Flag.SEEN)).as("not marked: read again").isFalse();
                    assertThat(m.isSet(Flags.Flag.DELETED)).isFalse();
                });

                // The table back with its row, while the mailbox cannot log in: no reading can fall between the two.
                box.setPassword("changed");
                Thread.sleep(2000); // a reading under way ends meanwhile
                CassandraSchema.apply(config);
                session.execute("INSERT INTO " + ks + ".contacts_by_identifier (field, value, contact_id) VALUES ('email', ?, 'bob')", address);
                box.setPassword("secret");
                List<ConsumerRecord<String, byte[]>> read = TopicReader.readUntil(ns.stack().kafka().bootstrapServers(), TopicNames.from(config).rawEvents(),
                        r -> EVENTS.decode(r.value()).getPayload() instanceof EmailBounce, Duration.ofSeconds(60));
                assertThat(EVENTS.decode(read.get(read.size() - 1).value()).getPayload())
                        .isEqualTo(EmailBounce.newBuilder().setSendId("s-bob").setAddress(address).setKind(BounceKind.HARD)
                                .setDiagnostic("5.1.1 smtp; 550 5.1.1 User unknown").build());
                await().atMost(Duration.ofSeconds(30)).until(() -> imap.inbox().getMessageCount() == 0);
            }
        }
    }

    /** A GreenMail IMAP server of the test's own with the bounce mailbox's user. */
    private static final class Imap implements AutoCloseable {
        final int port = FreePorts.next();
        final GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        final GreenMailUser box;

        Imap() {
            mail.start();
            box = mail.setUser("bounces@shop.example", "bounces", "secret");
        }

        /** The workers of these tests, reading the mailbox every second. */
        LeadStreamConfig workerConfig(TestNamespace ns) {
            return SendWorkerIT.workerConfig(ns).with(WorkerOptions.BOUNCE_IMAP_HOST, "127.0.0.1").with(WorkerOptions.BOUNCE_IMAP_PORT, port)
                    .with(WorkerOptions.BOUNCE_IMAP_SSL, false).with(WorkerOptions.BOUNCE_IMAP_USER, "bounces")
                    .with(WorkerOptions.BOUNCE_IMAP_PASSWORD, "secret").with(WorkerOptions.BOUNCE_IMAP_INTERVAL, Duration.ofSeconds(1));
        }

        MailFolder inbox() throws FolderException {
            return mail.getManagers().getImapHostManager().getInbox(box);
        }

        @Override
        public void close() {
            mail.stop();
        }
    }

    /** A relay's notification (RFC 3464) about {@code sent}, returning its headers. */
    private static String dsn(String id, MimeMessage sent, String recipient, String status, String diagnostic) throws Exception {
        StringBuilder headers = new StringBuilder();
        for (String line : Collections.list(sent.getAllHeaderLines())) {
            headers.append(line).append("\r\n");
        }
        return """
                From: Mail Delivery System <MAILER-DAEMON@mx.example>
                To: bounces@shop.example
                Subject: Undelivered Mail Returned to Sender
                Message-ID: %s
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

                --B1
                Content-Type: text/plain

                Your message could not be delivered.

                --B1
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example

                Final-Recipient: rfc822; %s
                Action: %s
                Status: %s
                Diagnostic-Code: %s

                --B1
                Content-Type: text/rfc822-headers

                """.formatted(id, recipient, status.startsWith("5") ? "failed" : "delayed", status, diagnostic).replace("\n", "\r\n")
                + headers + "\r\n--B1--\r\n";
    }

    private static MimeMessage message(String raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }
}
