package io.leadstream.sink.outbox;

import io.leadstream.common.config.GatewayOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.WorkerOptions;
import io.leadstream.common.email.SignedTokens;
import io.leadstream.sink.email.EmailRenderer;
import io.leadstream.sink.email.TrackingLinks;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The send workers of one process ({@code worker.count} threads sharing one Cassandra session, one
 * Kafka producer for their reports and one HTTP client for webhooks, each with its own SMTP connection). Their links point at {@code gatewayUrl} and are signed with the
 * gateway's {@code gateway.token-secret}, so the gateway verifies them.
 */
public final class SendWorkers implements AutoCloseable {
    private final OutboxStore store;
    private final DeliveryReports reports;
    private final List<SendWorker> workers = new ArrayList<>();
    private final List<SmtpMailer> mailers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    private SendWorkers(OutboxStore store, DeliveryReports reports) {
        this.store = store;
        this.reports = reports;
    }

    public static SendWorkers start(LeadStreamConfig config, String gatewayUrl) {
        String process = UUID.randomUUID().toString().substring(0, 8);
        SendWorkers pool = new SendWorkers(new OutboxStore(config), new KafkaDeliveryReports(config, "leadstream-workers-" + process));
        EmailRenderer renderer = new EmailRenderer(new TrackingLinks(gatewayUrl, new SignedTokens(config.get(GatewayOptions.TOKEN_SECRET))));
        Clock clock = Clock.systemUTC();
        HttpClient http = HttpClient.newBuilder().connectTimeout(config.get(WorkerOptions.WEBHOOK_TIMEOUT)).build();
        WebhookDelivery webhooks = new WebhookDelivery(config, pool.store, pool.store.webhooks(), http, clock);
        for (int i = 0; i < config.get(WorkerOptions.COUNT); i++) {
            SmtpMailer mailer = new SmtpMailer(config);
            EmailDelivery emails = new EmailDelivery(config, pool.store, mailer, renderer, clock);
            SendWorker worker = new SendWorker("worker-" + process + "-" + i, config, pool.store, emails, webhooks, pool.reports, clock);
            Thread thread = new Thread(worker, "send-worker-" + i);
            thread.setDaemon(true);
            pool.mailers.add(mailer);
            pool.workers.add(worker);
            pool.threads.add(thread);
            thread.start();
        }
        return pool;
    }

    @Override
    public void close() {
        workers.forEach(SendWorker::close);
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
