package io.leadstream.sink.outbox;

import io.leadstream.common.config.GatewayOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.WorkerOptions;
import io.leadstream.common.email.SignedTokens;
import io.leadstream.email.EmailRenderer;
import io.leadstream.email.TrackingLinks;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The send workers of one process: one {@link OutboxScanner} thread handing due messages to
 * {@code worker.count} send threads through a short queue. They share one Cassandra session, one
 * Kafka producer for their reports and one HTTP client for webhooks; each has its own SMTP
 * connection. Links point at {@code gatewayUrl}, signed with the gateway's {@code gateway.token-secret}.
 */
public final class SendWorkers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SendWorkers.class);
    /** Message ids a process remembers as done (about 100 bytes each). */
    static final int DONE_MEMORY = 500_000;

    private final OutboxStore store;
    private final DeliveryReports reports;
    private final OutboxScanner scanner;
    private final DoneMessages done = new DoneMessages(DONE_MEMORY);
    private final BlockingQueue<OutboxMessage> queue;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicInteger finished = new AtomicInteger();
    private final Duration poll;
    private final List<SmtpMailer> mailers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    private SendWorkers(LeadStreamConfig config, OutboxStore store, DeliveryReports reports, Clock clock) {
        this.store = store;
        this.reports = reports;
        this.scanner = new OutboxScanner(store, clock, config.get(WorkerOptions.LOOKBACK));
        this.queue = new ArrayBlockingQueue<>(Math.max(4, config.get(WorkerOptions.COUNT) * 4));
        this.poll = config.get(WorkerOptions.POLL_INTERVAL);
    }

    public static SendWorkers start(LeadStreamConfig config, String gatewayUrl) {
        String process = UUID.randomUUID().toString().substring(0, 8);
        Clock clock = Clock.systemUTC();
        SendWorkers pool = new SendWorkers(config, new OutboxStore(config), new KafkaDeliveryReports(config, "leadstream-workers-" + process), clock);
        EmailRenderer renderer = new EmailRenderer(new TrackingLinks(gatewayUrl, new SignedTokens(config.get(GatewayOptions.TOKEN_SECRET))));
        HttpClient http = HttpClient.newBuilder().connectTimeout(config.get(WorkerOptions.WEBHOOK_TIMEOUT)).build();
        WebhookDelivery webhooks = new WebhookDelivery(config, pool.store, pool.store.webhooks(), http, clock);
        for (int i = 0; i < config.get(WorkerOptions.COUNT); i++) {
            SmtpMailer mailer = new SmtpMailer(config);
            EmailDelivery emails = new EmailDelivery(config, pool.store, mailer, renderer, clock);
            SendWorker worker = new SendWorker("worker-" + process + "-" + i, config, pool.store, emails, webhooks, pool.reports, clock);
            pool.mailers.add(mailer);
            pool.thread("send-worker-" + i, () -> pool.send(worker));
        }
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

    /** Passes over the outbox; after each, waits for the send threads to finish what it handed them. */
    private void scan() {
        while (running) {
            try {
                int before = finished.get();
                scanner.pass(done, m -> {
                    if (inFlight.add(m.commandId())) {
                        put(m);
                    }
                    return false; // the send thread remembers it as done
                });
                while (running && !inFlight.isEmpty()) {
                    Thread.sleep(2);
                }
                if (finished.get() == before) {
                    Thread.sleep(poll.toMillis()); // nothing new came of the pass: claimed elsewhere, or waiting for a retry
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

    /** Waits for room in the queue, but not past a close (the send threads are gone then). */
    private void put(OutboxMessage m) {
        try {
            while (!queue.offer(m, 100, TimeUnit.MILLISECONDS)) {
                if (!running) {
                    inFlight.remove(m.commandId());
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            inFlight.remove(m.commandId());
            throw new IllegalStateException("stopping", e);
        }
    }

    private void send(SendWorker worker) {
        while (running) {
            OutboxMessage m;
            try {
                m = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (m == null) {
                continue;
            }
            try {
                if (worker.handle(m)) {
                    done.add(m.commandId());
                    finished.incrementAndGet();
                }
            } catch (RuntimeException e) {
                // Cassandra or Kafka trouble: the message stays claimed until its lease lapses, then goes again.
                LOG.warn("Sending {} failed, it is tried again after its lease: {}", m.commandId(), e.toString());
            } finally {
                inFlight.remove(m.commandId());
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

    /** Stops after the messages in hand; the claims of those not finished lapse and other workers take them. */
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
        mailers.forEach(SmtpMailer::close);
        reports.close();
        store.close();
    }
}
