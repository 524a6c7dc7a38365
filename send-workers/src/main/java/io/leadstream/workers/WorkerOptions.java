package io.leadstream.workers;

import io.leadstream.common.config.ConfigOption;
import io.leadstream.common.config.ModuleOptions;
import java.time.Duration;

/** Options of the send workers, which take send commands from Kafka, claim them in the Cassandra outbox and deliver them. */
public final class WorkerOptions {
    private WorkerOptions() {}

    /** Makes these options known to {@code AllOptions} wherever this module is on the classpath. */
    public static final class Module implements ModuleOptions {
        @Override
        public Class<?> holder() {
            return WorkerOptions.class;
        }
    }

    public static final ConfigOption<Integer> COUNT = ConfigOption.key("worker.count")
            .intType().defaultValue(8)
            .withDescription("Send workers a process runs (threads); any number of processes may run them side by side. A send waits on"
                    + " several Cassandra round trips (lightweight transactions among them) and on the SMTP server, so a thread is"
                    + " mostly waiting: the threads, not the CPU, bound how many emails a process sends when the box is busy.");

    public static final ConfigOption<String> SMTP_HOST = ConfigOption.key("worker.smtp-host")
            .stringType().defaultValue("localhost")
            .withDescription("SMTP server the workers deliver email to.");

    public static final ConfigOption<Integer> SMTP_PORT = ConfigOption.key("worker.smtp-port")
            .intType().defaultValue(25)
            .withDescription("Port of the SMTP server.");

    public static final ConfigOption<Boolean> SMTP_STARTTLS = ConfigOption.key("worker.smtp-starttls")
            .booleanType().defaultValue(false)
            .withDescription("Require STARTTLS before sending (the connection fails if the server does not offer it).");

    public static final ConfigOption<String> SMTP_USER = ConfigOption.key("worker.smtp-user")
            .stringType().defaultValue("")
            .withDescription("SMTP AUTH user; empty sends without authentication.");

    public static final ConfigOption<String> SMTP_PASSWORD = ConfigOption.key("worker.smtp-password")
            .stringType().defaultValue("")
            .withDescription("SMTP AUTH password.");

    public static final ConfigOption<Double> SMTP_RATE = ConfigOption.key("worker.smtp-rate")
            .doubleType().defaultValue(0.0)
            .withDescription("Messages per second at most over the SMTP server of worker.smtp-host, for each worker process (its send threads"
                    + " share it; evenly spaced, no bursts); decimals allowed (0.5: one every 2 s); 0: no limit.");

    public static final ConfigOption<String> TRANSPORTS = ConfigOption.key("worker.transports")
            .stringType().defaultValue("")
            .withDescription("Named SMTP transports, instead of the one server of worker.smtp-*: entries"
                    + " name=smtp://[user[:password]@]host[:port][?starttls=true&rate=10&marketing=true], separated by commas (user and"
                    + " password percent-encoded). The first is the default; an email naming one goes over it, a marketing email naming"
                    + " none over the first marked marketing=true. Empty: the one server of worker.smtp-*.");

    public static final ConfigOption<Duration> TRANSPORT_WAIT = ConfigOption.key("worker.transport-wait")
            .durationType().defaultValue(Duration.ofSeconds(5))
            .withDescription("How long a send thread waits for its transport's rate limit; longer, and the message is looked at again 2 s"
                    + " later, no attempt counted.");

    public static final ConfigOption<String> GROUP_ID = ConfigOption.key("worker.group-id")
            .stringType().defaultValue("")
            .withDescription("Kafka consumer group of the send workers on send-commands: the processes sharing it share the partitions."
                    + " Empty: <kafka.topic-prefix>send-workers.");

    public static final ConfigOption<Duration> SESSION_TIMEOUT = ConfigOption.key("worker.session-timeout")
            .durationType().defaultValue(Duration.ofSeconds(30))
            .withDescription("How long Kafka waits for a silent worker process before it moves the process's partitions to the others"
                    + " (the consumer's session.timeout.ms; heartbeats every tenth of it; at least the broker's group.min.session.timeout.ms, 6 s).");

    public static final ConfigOption<Duration> SCAN_INTERVAL = ConfigOption.key("worker.scan-interval")
            .durationType().defaultValue(Duration.ofSeconds(30))
            .withDescription("Pause between passes of the outbox scan, which finds what the Kafka consumers did not finish (retries that fell"
                    + " due, commands whose record was missed); a process also scans at once when its partitions change.");

    public static final ConfigOption<Duration> HOLD = ConfigOption.key("worker.hold")
            .durationType().defaultValue(Duration.ofMinutes(2))
            .withDescription("A command that cannot go yet (a retry, a due time ahead) is held in memory, its Kafka record not committed, when"
                    + " it is due again within this; a later one is filed in the outbox for the scan.");

    public static final ConfigOption<Duration> COMMIT_TIMEOUT = ConfigOption.key("worker.commit-timeout")
            .durationType().defaultValue(Duration.ofSeconds(60))
            .withDescription("A message marked committing (its final dot under way) this long without an outcome is closed unconfirmed: its"
                    + " worker died. A webhook call is claimed for this long: called again after it if its worker died. Longer than an"
                    + " SMTP answer (30 s) and worker.webhook-timeout.");

    public static final ConfigOption<Duration> LOOKBACK = ConfigOption.key("worker.lookback")
            .durationType().defaultValue(Duration.ofHours(24))
            .withDescription("How far back the outbox is scanned for messages not yet delivered, and how old a command read from Kafka may be"
                    + " (workers down longer than this leave older ones).");

    public static final ConfigOption<Integer> MAX_ATTEMPTS = ConfigOption.key("worker.max-attempts")
            .intType().defaultValue(5)
            .withDescription("Deliveries tried for a message whose failures are transient before it goes to the dead letters.");

    public static final ConfigOption<Duration> RETRY_BACKOFF = ConfigOption.key("worker.retry-backoff")
            .durationType().defaultValue(Duration.ofSeconds(30))
            .withDescription("Wait before the first retry of a transient failure; it doubles with each attempt.");

    public static final ConfigOption<Duration> STORE_RETRY_BACKOFF = ConfigOption.key("worker.store-retry-backoff")
            .durationType().defaultValue(Duration.ofSeconds(2))
            .withDescription("Wait before the first retry of a message Cassandra failed at the final dot (a pause, a timeout), which "
                    + "the recipient's server had no part in; it doubles with each attempt, like worker.retry-backoff.");

    public static final ConfigOption<Duration> RECIPIENT_WAIT = ConfigOption.key("worker.recipient-wait")
            .durationType().defaultValue(Duration.ofMinutes(1))
            .withDescription("How long a due email waits for its contact's address: the engine stores the send and the contact's fields"
                    + " through separate sinks, so a send made at once may be read before the address it goes to. After this it is"
                    + " skipped as having none.");

    public static final ConfigOption<Integer> FREQUENCY_CAP = ConfigOption.key("worker.frequency-cap")
            .intType().defaultValue(0)
            .withDescription("The email channel's default frequency: marketing emails a contact gets at most per worker.frequency-period, unless"
                    + " it chose its own in the preference center (email_frequency_max per email_frequency_period); 0: no default cap."
                    + " Transactional email is not counted.");

    public static final ConfigOption<Duration> FREQUENCY_PERIOD = ConfigOption.key("worker.frequency-period")
            .durationType().defaultValue(Duration.ofDays(7))
            .withDescription("The period of worker.frequency-cap (a rolling window back from each send).");

    public static final ConfigOption<String> DKIM_DOMAIN = ConfigOption.key("worker.dkim-domain")
            .stringType().defaultValue("")
            .withDescription("The domain (d=) whose DKIM key signs every email; empty: emails go unsigned.");

    public static final ConfigOption<String> DKIM_SELECTOR = ConfigOption.key("worker.dkim-selector")
            .stringType().defaultValue("leadstream")
            .withDescription("The DKIM selector (s=): the public key is published at <selector>._domainkey.<domain>.");

    public static final ConfigOption<String> DKIM_KEY = ConfigOption.key("worker.dkim-key")
            .stringType().defaultValue("")
            .withDescription("File of the DKIM RSA private key, PKCS#8 (PEM \"BEGIN PRIVATE KEY\" or DER); required with worker.dkim-domain.");

    public static final ConfigOption<String> WEBHOOK_SECRET = ConfigOption.key("worker.webhook-secret")
            .stringType().defaultValue("")
            .withDescription("Key of the HMAC-SHA256 signature on webhook calls (X-LeadStream-Signature); webhooks fail while it is empty.");

    public static final ConfigOption<Duration> WEBHOOK_TIMEOUT = ConfigOption.key("worker.webhook-timeout")
            .durationType().defaultValue(Duration.ofSeconds(10))
            .withDescription("How long a webhook call may take before it counts as failed.");

    public static final ConfigOption<Duration> WEBHOOK_DISABLE_AFTER = ConfigOption.key("worker.webhook-disable-after")
            .durationType().defaultValue(Duration.ofHours(24))
            .withDescription("A webhook URL failing without a success for this long (and at least worker.webhook-disable-failures times) is disabled.");

    public static final ConfigOption<Integer> WEBHOOK_DISABLE_FAILURES = ConfigOption.key("worker.webhook-disable-failures")
            .intType().defaultValue(20)
            .withDescription("Failures in a row a webhook URL must have before it can be disabled.");

    public static final ConfigOption<String> WEBHOOK_DISABLED_NOTIFY = ConfigOption.key("worker.webhook-disabled-notify")
            .stringType().defaultValue("")
            .withDescription("Addresses (comma-separated) emailed when a webhook URL is disabled; empty: none, the log line and the API's health only.");

    public static final ConfigOption<String> NOTIFY_FROM = ConfigOption.key("worker.notify-from")
            .stringType().defaultValue("leadstream@localhost")
            .withDescription("The sender of the workers' own notices (a webhook URL disabled).");

    public static final ConfigOption<String> BOUNCE_IMAP_HOST = ConfigOption.key("worker.bounce-imap-host")
            .stringType().defaultValue("")
            .withDescription("IMAP server of the bounce mailbox (the Return-Path of the emails) whose delivery status notifications the"
                    + " workers read as bounces; empty: no bounce mailbox.");

    public static final ConfigOption<Integer> BOUNCE_IMAP_PORT = ConfigOption.key("worker.bounce-imap-port")
            .intType().defaultValue(993)
            .withDescription("Port of the bounce mailbox's IMAP server.");

    public static final ConfigOption<Boolean> BOUNCE_IMAP_SSL = ConfigOption.key("worker.bounce-imap-ssl")
            .booleanType().defaultValue(true)
            .withDescription("IMAP over TLS from the first byte (imaps, port 993); false: plain IMAP, STARTTLS when the server offers it.");

    public static final ConfigOption<String> BOUNCE_IMAP_USER = ConfigOption.key("worker.bounce-imap-user")
            .stringType().defaultValue("")
            .withDescription("User of the bounce mailbox.");

    public static final ConfigOption<String> BOUNCE_IMAP_PASSWORD = ConfigOption.key("worker.bounce-imap-password")
            .stringType().defaultValue("")
            .withDescription("Password of the bounce mailbox.");

    public static final ConfigOption<String> BOUNCE_IMAP_FOLDER = ConfigOption.key("worker.bounce-imap-folder")
            .stringType().defaultValue("INBOX")
            .withDescription("Folder of the bounce mailbox that is read.");

    public static final ConfigOption<Duration> BOUNCE_IMAP_INTERVAL = ConfigOption.key("worker.bounce-imap-interval")
            .durationType().defaultValue(Duration.ofSeconds(60))
            .withDescription("Pause between two readings of the bounce mailbox.");

    public static final ConfigOption<Integer> HTTP_PORT = ConfigOption.key("worker.http-port")
            .intType().defaultValue(0)
            .withDescription("Where a send-worker process answers /health (its threads run), /ready (in the send-commands consumer group,"
                    + " a Cassandra node up) and /metrics (Prometheus): 0 a free port, printed at start (the compose file sets 9091); -1 none.");
}
