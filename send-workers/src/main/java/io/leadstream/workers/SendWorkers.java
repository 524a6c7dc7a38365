package io.leadstream.workers;

import io.leadstream.common.config.GatewayOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.email.SignedTokens;
import io.leadstream.email.EmailRenderer;
import io.leadstream.email.TrackingLinks;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The send workers of one process: a lease keeper holding the process's share of the outbox shards
 * ({@link ShardLeases}), one {@link OutboxScanner} thread, and {@code worker.count} send threads, each
 * with a short queue of its own. A contact's messages always go to the same send thread, so its
 * once-per-contact and frequency-cap checks never race. They share one Cassandra session, one Kafka
 * producer for their reports and one HTTP client for webhooks; each send thread has its own SMTP
 * connection. Links point at {@code gatewayUrl}, signed with the gateway's {@code gateway.token-secret}.
 */
public final class SendWorkers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SendWorkers.class);
    /** Message ids a process remembers as done (about 100 bytes each). */
    static final int DONE_MEMORY = 500_000;
    /** Messages waiting for each send thread. */
    private static final int QUEUE = 32;

    private final OutboxStore store;
    private final DeliveryReports reports;
    private final ShardLeases leases;
    private final OutboxScanner scanner;
    private final DoneMessages done = new DoneMessages(DONE_MEMORY);
    private final List<BlockingQueue<ScannedMessage>> queues = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final Duration poll;
    private final List<SmtpMailer> mailers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    private SendWorkers(LeadStreamConfig config, String process, OutboxStore store, DeliveryReports reports, Clock clock) {
        this.store = store;
        this.reports = reports;
        this.leases = new ShardLeases(process, store.leases(), clock, config.get(WorkerOptions.LEASE));
        this.scanner = new OutboxScanner(store, leases, clock, config.get(WorkerOptions.LOOKBACK));
        this.poll = config.get(WorkerOptions.POLL_INTERVAL);
    }

    public static SendWorkers start(LeadStreamConfig config, String gatewayUrl) {
        String process = UUID.randomUUID().toString().substring(0, 8);
        Clock clock = Clock.systemUTC();
        SendWorkers pool = new SendWorkers(config, process, new OutboxStore(config), new KafkaDeliveryReports(config, "leadstream-workers-" + process),
                clock);
        EmailRenderer renderer = new EmailRenderer(new TrackingLinks(gatewayUrl, new SignedTokens(config.get(GatewayOptions.TOKEN_SECRET))));
        HttpClient http = HttpClient.newBuilder().connectTimeout(config.get(WorkerOptions.WEBHOOK_TIMEOUT)).build();
        WebhookDelivery webhooks = new WebhookDelivery(config, pool.store.webhooks(), http, clock);
        pool.leases.maintain(); // hold a share before the first pass
        for (int i = 0; i < config.get(WorkerOptions.COUNT); i++) {
            SmtpMailer mailer = new SmtpMailer(config);
            EmailDelivery emails = new EmailDelivery(config, pool.store, mailer, renderer, clock);
            SendWorker worker = new SendWorker("worker-" + process + "-" + i, config, pool.store, pool.leases, emails, webhooks, pool.reports, clock);
            BlockingQueue<ScannedMessage> queue = new ArrayBlockingQueue<>(QUEUE);
            pool.mailers.add(mailer);
            pool.queues.add(queue);
            pool.thread("send-worker-" + i, () -> pool.send(worker, queue));
        }
        pool.thread("outbox-leases", pool::keepLeases);
        pool.thread("outbox-scanner", pool::scan);
        LOG.info("{} send workers started (process {})", config.get(WorkerOptions.COUNT), process);
        return pool;
    }

    private void thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private void keepLeases() {
        while (running) {
            try {
                leases.maintain();
            } catch (RuntimeException e) {
                // Leases not renewed run out: sends stop committing well before that (the margin).
                LOG.warn("Keeping the outbox shard leases failed, trying again: {}", e.toString());
            }
            sleep(leases.roundEvery());
        }
    }

    /** Passes over the outbox; after each, waits for the send threads to finish what it handed them. */
    private void scan() {
        while (running) {
            try {
                int before = finished.get();
                scanner.pass(done, m -> {
                    put(m);
                    return false; // the send thread remembers it as done
                });
                while (running && inFlight.get() > 0) {
                    Thread.sleep(2);
                }
                if (finished.get() == before) {
                    Thread.sleep(poll.toMillis()); // nothing new came of the pass: waiting for retries, or no work
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("Outbox scan failed, trying again: {}", e.toString());
                sleep(poll);
            }
        }
    }

    /** Queues the message for its contact's send thread; waits for room, but not past a close (the send threads are gone then). */
    private void put(ScannedMessage scanned) {
        OutboxMessage m = scanned.message();
        BlockingQueue<ScannedMessage> queue = queues.get(Math.floorMod(m.contactId().hashCode(), queues.size()));
        inFlight.incrementAndGet();
        leases.handed(m.shard());
        try {
            while (!queue.offer(scanned, 100, TimeUnit.MILLISECONDS)) {
                if (!running) {
                    returned(m);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            returned(m);
            throw new IllegalStateException("stopping", e);
        }
    }

    private void returned(OutboxMessage m) {
        leases.returned(m.shard());
        inFlight.decrementAndGet();
    }

    private void send(SendWorker worker, BlockingQueue<ScannedMessage> queue) {
        while (running) {
            ScannedMessage h;
            try {
                h = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (h == null) {
                continue;
            }
            try {
                if (worker.handle(h)) {
                    done.add(h.message().commandId());
                    finished.incrementAndGet();
                }
            } catch (RuntimeException e) {
                // Cassandra or Kafka trouble: the message stays as it was, and the next pass tries it again.
                LOG.warn("Sending {} failed, it is tried again: {}", h.message().commandId(), e.toString());
            } finally {
                returned(h.message());
            }
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops after the messages in hand and gives the shards back, so other processes take them at once. */
    @Override
    public void close() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        leases.release();
        mailers.forEach(SmtpMailer::close);
        reports.close();
        store.close();
    }
}
