package io.leadstream.workers;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.email.DeliveryStatusReport;
import io.leadstream.email.DeliveryStatusReport.Bounce;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.FlagTerm;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounce mailbox: every {@code worker.bounce-imap-interval}, the messages of an IMAP folder
 * not yet seen. A delivery status notification ({@link DeliveryStatusReport}) becomes its bounces'
 * events on Kafka ({@link MailboxBounces}), and only once Kafka has acknowledged them all is it
 * flagged deleted (and expunged): a crash before that reads it again, at least once and the same
 * events. Anything else is flagged seen, said once in the log and left. Off without a host.
 */
final class BounceMailbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BounceMailbox.class);
    private static final FlagTerm UNSEEN = new FlagTerm(new Flags(Flags.Flag.SEEN), false);
    private static final FlagTerm UNDELETED = new FlagTerm(new Flags(Flags.Flag.DELETED), false);

    /** What one reading did: bounces published, notifications done with, other messages left. */
    record Reading(int bounces, int notifications, int others) {}

    private final LeadStreamConfig config;
    private final Session session;
    private final String protocol;
    private final MailboxBounces bounces;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bounce-mailbox");
        t.setDaemon(true);
        return t;
    });

    BounceMailbox(LeadStreamConfig config, MailboxBounces bounces) {
        this.config = config;
        this.bounces = bounces;
        this.protocol = config.get(WorkerOptions.BOUNCE_IMAP_SSL) ? "imaps" : "imap";
        Properties p = new Properties();
        p.put("mail." + protocol + ".connectiontimeout", "10000");
        p.put("mail." + protocol + ".timeout", "30000");
        // Reading a message must not mark it seen: a notification whose events Kafka did not take is read again.
        p.put("mail." + protocol + ".peek", "true");
        if ("imap".equals(protocol)) {
            p.put("mail.imap.starttls.enable", "true");
        }
        this.session = Session.getInstance(p);
    }

    /** The mailbox of the configuration, reading every interval from now on; null when {@code worker.bounce-imap-host} is empty. */
    static BounceMailbox start(LeadStreamConfig config, AddressOwners owners, String clientId) {
        if (config.get(WorkerOptions.BOUNCE_IMAP_HOST).isBlank()) {
            return null;
        }
        BounceMailbox mailbox = new BounceMailbox(config, new MailboxBounces(config, owners, clientId));
        long every = Math.max(1, config.get(WorkerOptions.BOUNCE_IMAP_INTERVAL).toMillis());
        mailbox.timer.scheduleWithFixedDelay(mailbox::readQuietly, 0, every, TimeUnit.MILLISECONDS);
        LOG.info("Bounce mailbox {}:{} folder {} read every {}", config.get(WorkerOptions.BOUNCE_IMAP_HOST),
                config.get(WorkerOptions.BOUNCE_IMAP_PORT), config.get(WorkerOptions.BOUNCE_IMAP_FOLDER), Duration.ofMillis(every));
        return mailbox;
    }

    private void readQuietly() {
        try {
            Reading r = read();
            if (r.notifications() + r.others() > 0) {
                LOG.info("Bounce mailbox: {} bounce(s) recorded from {} delivery status notification(s), {} other message(s) left", r.bounces(),
                        r.notifications(), r.others());
            }
        } catch (MessagingException | RuntimeException e) {
            LOG.warn("Bounce mailbox not read, tried again at the next interval: {}", Failures.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One reading of the folder's messages not seen yet. */
    Reading read() throws MessagingException, InterruptedException {
        try (Store store = session.getStore(protocol)) {
            String user = config.get(WorkerOptions.BOUNCE_IMAP_USER);
            store.connect(config.get(WorkerOptions.BOUNCE_IMAP_HOST), config.get(WorkerOptions.BOUNCE_IMAP_PORT), user.isEmpty() ? null : user,
                    config.get(WorkerOptions.BOUNCE_IMAP_PASSWORD));
            Folder folder = store.getFolder(config.get(WorkerOptions.BOUNCE_IMAP_FOLDER));
            folder.open(Folder.READ_WRITE);
            int published = 0;
            int notifications = 0;
            int others = 0;
            try {
                for (Message m : folder.search(new AndTerm(UNSEEN, UNDELETED))) {
                    List<Bounce> found;
                    try {
                        found = DeliveryStatusReport.bounces(m);
                    } catch (DeliveryStatusReport.NotADsn e) {
                        m.setFlag(Flags.Flag.SEEN, true);
                        others++;
                        LOG.info("Bounce mailbox: message {} from {} ('{}') is no delivery status notification ({}): left, marked seen",
                                m.getMessageNumber(), Arrays.toString(m.getFrom()), m.getSubject(), e.getMessage());
                        continue;
                    }
                    int recorded = publish(m, found);
                    if (recorded < 0) {
                        break; // Kafka or Cassandra is failing: the rest waits for the next reading too
                    }
                    Flags done = new Flags(Flags.Flag.DELETED);
                    done.add(Flags.Flag.SEEN);
                    m.setFlags(done, true);
                    published += recorded;
                    notifications++;
                }
            } finally {
                folder.close(true); // expunges the notifications flagged deleted
            }
            return new Reading(published, notifications, others);
        }
    }

    /**
     * How many of the notification's bounces Kafka has (none for one reporting only deliveries or addresses no contact has);
     * -1 when they could not all be published.
     */
    private int publish(Message m, List<Bounce> found) throws MessagingException, InterruptedException {
        String[] ids = m.getHeader("Message-ID");
        Instant arrived = m.getReceivedDate() == null ? Instant.now() : m.getReceivedDate().toInstant();
        // Without a Message-ID of its own, what else tells this notification apart.
        String notificationId = ids != null && ids.length > 0 ? ids[0].strip() : arrived + " " + m.getSubject() + " " + Arrays.toString(m.getFrom());
        try {
            List<String> unknown = bounces.publish(found, notificationId, arrived);
            if (!unknown.isEmpty()) {
                LOG.info("Bounce mailbox: no contact has address(es) {} of notification {}: nothing to record", unknown, notificationId);
            }
            return found.size() - unknown.size();
        } catch (java.util.concurrent.ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("Bounce mailbox: the bounces of notification {} are not recorded, read again at the next reading: {}", notificationId,
                    Failures.describe(e));
            return -1;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        bounces.close();
    }
}
