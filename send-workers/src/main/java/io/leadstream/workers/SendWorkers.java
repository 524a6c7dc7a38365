package io.leadstream.workers;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.email.SignedTokens;
import io.leadstream.common.kafka.KafkaKeys;
import io.leadstream.email.CatalogTokenSources;
import io.leadstream.email.EmailRenderer;
import io.leadstream.email.EmailSettings;
import io.leadstream.email.LinkOptions;
import io.leadstream.email.TrackingLinks;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The send workers of one process: a member of the consumer group on {@code send-commands}
 * ({@link CommandConsumer}), {@code worker.count} send threads each with a queue of its own, a
 * timer holding what is due again soon, the outbox scan ({@link OutboxScanner}) every
 * {@code worker.scan-interval} over the partitions the process owns, and the bounce mailbox
 * ({@link BounceMailbox}) when one is configured. A contact's commands always go
 * to the same send thread, so its once-per-contact and frequency-cap checks never race. They share
 * one Cassandra session, one Kafka producer for their reports and one HTTP client for webhooks; each
 * send thread has its own SMTP connection. Links point at {@code gatewayUrl}, signed with the
 * gateway's {@code gateway.token-secret}.
 *
 * <p>A command that cannot go yet (a retry, a send window ahead, a committing mark to wait out) is
 * held in memory, its record not finished, if it is due again within {@code worker.hold}; else it is
 * filed in the outbox under that time, its record finished, and the scan takes it up then. Idle, the
 * threads wait: nothing polls but the consumer's fetch (every 5 s at the broker) and heartbeats, and
 * the scan.
 */
public final class SendWorkers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SendWorkers.class);
    /** Message ids a process remembers as done (about 100 bytes each). */
    static final int DONE_MEMORY = 500_000;
    /** Commands a send thread reads the states and recipients of together. */
    private static final int CHUNK = 100;
    private static final WorkItem STOP = new WorkItem(null, null, -1);

    private final OutboxStore store;
    private final DeliveryReports reports;
    private final Clock clock;
    private final Duration hold;
    private final Duration scanInterval;
    private final OutboxScanner scanner;
    private final DoneMessages done = new DoneMessages(DONE_MEMORY);
    private final List<BlockingDeque<WorkItem>> queues = new ArrayList<>();
    private final List<SmtpMailer> mailers = new ArrayList<>();
    private final List<WebhookDisabledNotice> notices = new ArrayList<>();
    private final List<Thread> senders = new ArrayList<>();
    /** Commands in this process's hands (queued, being sent, held), by id: the scan passes over them. */
    private final Map<String, Integer> inHand = new ConcurrentHashMap<>();
    private final AtomicInteger inHandCount = new AtomicInteger();
    private final List<KafkaClientMetrics> clientMeters = new ArrayList<>();
    private final ScheduledExecutorService holds = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "send-worker-holds"));
    private final Object scanSignal = new Object();
    private boolean scanRequested;
    private CommandConsumer consumer;
    private BounceMailbox mailbox;
    private Thread consumerThread;
    private Thread scanThread;
    private volatile boolean running = true;

    private SendWorkers(LeadStreamConfig config, OutboxStore store, DeliveryReports reports, Clock clock) {
        this.store = store;
        this.reports = reports;
        this.clock = clock;
        this.hold = config.get(WorkerOptions.HOLD);
        this.scanInterval = config.get(WorkerOptions.SCAN_INTERVAL);
        this.scanner = new OutboxScanner(store, clock, config.get(WorkerOptions.LOOKBACK), hold);
    }

    public static SendWorkers start(LeadStreamConfig config, String gatewayUrl) {
        return start(config, gatewayUrl, new SimpleMeterRegistry());
    }

    /** Counting in {@code meters}: sends by outcome, commands in hand, partitions owned, and the Kafka clients' own (lag, send errors). */
    public static SendWorkers start(LeadStreamConfig config, String gatewayUrl, MeterRegistry meters) {
        String process = UUID.randomUUID().toString().substring(0, 8);
        String clientId = "leadstream-workers-" + process;
        Clock clock = Clock.systemUTC();
        // A client id each: the two clients' meters are told apart by it.
        KafkaDeliveryReports kafkaReports = new KafkaDeliveryReports(config, clientId + "-reports");
        SendWorkers pool = new SendWorkers(config, new OutboxStore(config), new MeteredDeliveryReports(kafkaReports, meters), clock);
        EmailRenderer renderer = new EmailRenderer(new TrackingLinks(gatewayUrl, new SignedTokens(config.get(LinkOptions.TOKEN_SECRET))),
                EmailSettings.of(config), new CatalogTokenSources(gatewayUrl, pool.store.definitions()));
        HttpClient http = HttpClient.newBuilder().connectTimeout(config.get(WorkerOptions.WEBHOOK_TIMEOUT)).build();
        WebhookDisabledNotice notice = new WebhookDisabledNotice(config);
        pool.notices.add(notice);
        WebhookDelivery webhooks = new WebhookDelivery(config, pool.store.webhooks(), http, clock, notice);
        EmailChoices choices = pool.store.choices(clock);
        SmtpServers smtp = SmtpServers.of(config); // one send rate per transport for all the send threads
        for (int i = 0; i < config.get(WorkerOptions.COUNT); i++) {
            SmtpMailer mailer = new SmtpMailer(config, smtp);
            EmailDelivery emails = new EmailDelivery(config, pool.store, mailer, renderer, choices, clock);
            SendWorker worker = new SendWorker("worker-" + process + "-" + i, config, pool.store, emails, webhooks, pool.reports, clock);
            BlockingDeque<WorkItem> queue = new LinkedBlockingDeque<>();
            pool.mailers.add(mailer);
            pool.queues.add(queue);
            pool.senders.add(pool.thread("send-worker-" + i, () -> pool.send(worker, queue)));
        }
        pool.consumer = new CommandConsumer(config, clientId, pool::dispatch, pool.inHandCount::get, pool::requestScan, clock);
        pool.clientMeters.addAll(List.of(pool.consumer.meters(), kafkaReports.meters()));
        pool.clientMeters.forEach(m -> m.bindTo(meters));
        Gauge.builder("leadstream_worker_in_hand", pool.inHandCount, AtomicInteger::get)
                .description("Send commands in this process's hands: queued, being sent or held").register(meters);
        Gauge.builder("leadstream_worker_partitions_owned", pool, p -> p.consumer.owned().size())
                .description("Partitions of send-commands this process owns").register(meters);
        pool.consumerThread = pool.thread("send-commands-consumer", () -> pool.consumer.run(pool::stopSenders));
        pool.scanThread = pool.thread("outbox-scanner", pool::scan);
        pool.mailbox = BounceMailbox.start(config, pool.store.addressOwners(), clientId + "-bounces");
        LOG.info("{} send workers started (process {}), SMTP transports: {}", config.get(WorkerOptions.COUNT), process, smtp);
        return pool;
    }

    private static Thread daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        // A thread that dies leaves its queue, and its partitions' progress, where they are: say so loudly.
        t.setUncaughtExceptionHandler((dead, e) -> LOG.error("Send workers thread {} died: its commands wait until this process stops",
                dead.getName(), e));
        return t;
    }

    private Thread thread(String name, Runnable body) {
        Thread t = daemon(body, name);
        t.start();
        return t;
    }

    /** The partitions of send-commands this process owns now. */
    Set<Integer> owned() {
        return consumer.owned();
    }

    /** Whether the consumer and every send thread still run (a thread that died leaves its commands waiting). */
    public boolean alive() {
        return running && consumerThread.isAlive() && senders.stream().allMatch(Thread::isAlive);
    }

    /** Why this process cannot take its share of the sends now, or null when it can. */
    public String notReady() {
        if (!alive()) {
            return "its consumer or a send thread stopped";
        }
        if (consumer.partitions() == 0) {
            return "not in the send-commands consumer group yet";
        }
        return store.reachable() ? null : "no Cassandra node is up";
    }

    /** Puts the command in its contact's send thread's queue. */
    private void dispatch(WorkItem item) {
        inHand.merge(item.message().commandId(), 1, Integer::sum);
        inHandCount.incrementAndGet();
        queueOf(item).add(item);
    }

    private BlockingDeque<WorkItem> queueOf(WorkItem item) {
        return queues.get(Math.floorMod(item.message().contactId().hashCode(), queues.size()));
    }

    /** The command is out of this process's hands (done, left to the scan, or left to its partition's next owner). */
    private void release(WorkItem item) {
        inHand.computeIfPresent(item.message().commandId(), (id, n) -> n > 1 ? n - 1 : null);
        inHandCount.decrementAndGet();
    }

    private void send(SendWorker worker, BlockingDeque<WorkItem> queue) {
        List<WorkItem> chunk = new ArrayList<>();
        while (running) {
            try {
                chunk.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(chunk, CHUNK - 1);
            if (chunk.contains(STOP)) {
                return;
            }
            try {
                handle(worker, chunk, queue);
            } catch (RuntimeException e) { // each message's trouble is handled in handle(); this is a bug, which must not stop the thread
                LOG.error("A chunk of {} commands failed; they are read again when their partition next moves", chunk.size(), e);
            }
            chunk.clear();
        }
    }

    /** A chunk of one send thread's commands: their states and recipients read together, then each handled in turn. */
    private void handle(SendWorker worker, List<WorkItem> chunk, BlockingDeque<WorkItem> queue) {
        List<WorkItem> live = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (WorkItem item : chunk) {
            String id = item.message().commandId();
            if (item.abandoned()) {
                release(item); // its partition went to another process, which reads it again
            } else if (done.contains(id)) {
                item.finished();
                release(item);
            } else if (!ids.add(id)) {
                queue.add(item); // a second copy (a replayed record, or the scan's): after the first, with the state it leaves
            } else {
                live.add(item);
            }
        }
        if (live.isEmpty()) {
            return;
        }
        Map<String, DeliveryState> states;
        Map<String, Recipient> recipients;
        try {
            states = store.states(List.copyOf(ids));
            recipients = store.recipients(live.stream().filter(i -> !isDone(states.get(i.message().commandId())))
                    .map(i -> i.message().contactId()).toList());
        } catch (RuntimeException e) {
            LOG.warn("Reading the states of {} commands failed, they are tried again: {}", live.size(), Failures.describe(e));
            live.forEach(item -> after(item, new SendWorker.Result(clock.instant().plus(SendWorker.RECHECK))));
            return;
        }
        for (WorkItem item : live) {
            PartitionProgress progress = item.progress();
            if (!running || !progress.begin()) {
                release(item); // stopping, or the partition went elsewhere: not finished, so read again
                continue;
            }
            OutboxMessage m = item.message();
            try {
                after(item, worker.handle(m, states.get(m.commandId()), recipients.getOrDefault(m.contactId(), Recipient.unknown(m.contactId()))));
            } catch (RuntimeException e) {
                // Cassandra or Kafka trouble: the message stays as it was, and is looked at again shortly.
                LOG.warn("Sending {} failed, it is tried again: {}", m.commandId(), Failures.describe(e));
                after(item, new SendWorker.Result(clock.instant().plus(SendWorker.RECHECK)));
            } finally {
                progress.end();
            }
        }
    }

    private static boolean isDone(DeliveryState state) {
        return state != null && state.done();
    }

    /** Done: finished. Due again within the hold: held. Later: filed for the scan (a Kafka record), and finished. */
    private void after(WorkItem item, SendWorker.Result result) {
        if (result.done()) {
            done.add(item.message().commandId());
            item.finished();
            release(item);
            return;
        }
        Duration wait = Duration.between(clock.instant(), result.again());
        if (wait.compareTo(hold) <= 0) {
            holdUntil(item, wait);
            return;
        }
        if (item.fromKafka()) {
            try {
                store.file(item.message(), result.again());
            } catch (RuntimeException e) {
                LOG.warn("Filing {} for the scan failed, held instead: {}", item.message().commandId(), Failures.describe(e));
                holdUntil(item, SendWorker.RECHECK);
                return;
            }
            item.finished();
        }
        release(item);
    }

    private void holdUntil(WorkItem item, Duration wait) {
        try {
            holds.schedule(() -> requeue(item), Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            release(item);
        }
    }

    private void requeue(WorkItem item) {
        if (!running || item.abandoned()) {
            release(item);
        } else {
            queueOf(item).add(item);
        }
    }

    private void requestScan() {
        synchronized (scanSignal) {
            scanRequested = true;
            scanSignal.notifyAll();
        }
    }

    /** Every scan interval, and at once when the process's partitions change: the outbox of the partitions it owns. */
    private void scan() {
        while (running) {
            synchronized (scanSignal) {
                long until = System.nanoTime() + scanInterval.toNanos();
                while (running && !scanRequested && until - System.nanoTime() > 0) {
                    try {
                        TimeUnit.NANOSECONDS.timedWait(scanSignal, until - System.nanoTime());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                scanRequested = false;
            }
            Set<Integer> owned = consumer.owned();
            int partitions = consumer.partitions();
            if (!running || owned.isEmpty() || partitions == 0) {
                continue;
            }
            try {
                scanner.pass(owned, partitions, done, inHand::containsKey, this::handScanned);
            } catch (RuntimeException e) {
                LOG.warn("Outbox scan failed, tried again at the next: {}", Failures.describe(e));
            }
        }
    }

    /** Always "not done yet": the send thread says, and the next pass reads its state. */
    private boolean handScanned(OutboxMessage m) {
        PartitionProgress progress = consumer.progress(KafkaKeys.partition(m.contactId(), consumer.partitions()));
        if (running && progress != null && inHandCount.get() < CommandConsumer.MAX_IN_HAND) {
            dispatch(WorkItem.scanned(m, progress)); // given up with the partition, as its records are
        }
        return false;
    }

    /** The consumer's last act before it commits and leaves the group: the send threads finish the command they are on and stop. */
    private void stopSenders() {
        running = false;
        queues.forEach(q -> q.addFirst(STOP));
        for (Thread t : senders) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops after the commands in hand, commits what is finished and leaves the group, so other processes take the partitions at once. */
    @Override
    public void close() {
        running = false;
        requestScan();
        consumer.stop();
        for (Thread t : List.of(consumerThread, scanThread)) {
            try {
                t.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        holds.shutdownNow();
        if (mailbox != null) {
            mailbox.close();
        }
        clientMeters.forEach(KafkaClientMetrics::close);
        mailers.forEach(SmtpMailer::close);
        notices.forEach(WebhookDisabledNotice::close);
        reports.close();
        store.close();
    }
}
