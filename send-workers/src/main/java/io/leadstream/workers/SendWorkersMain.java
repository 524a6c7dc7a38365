package io.leadstream.workers;

import io.leadstream.common.config.AllOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.kafka.TopicAdmin;
import io.leadstream.email.LinkOptions;
import io.leadstream.store.cassandra.CassandraSchema;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.CountDownLatch;

/**
 * A send-worker process on its own (the distributed deployment runs N of them, {@code bin/leadstream
 * workers} one): configuration from {@code LEADSTREAM_CONFIG} and {@code LEADSTREAM_*}, until
 * stopped (SIGTERM or Ctrl-C: it finishes the messages in hand and leaves the consumer group, so
 * the others take its partitions at once).
 */
public final class SendWorkersMain {
    private SendWorkersMain() {}

    public static void main(String[] args) throws InterruptedException {
        int code = run(AllOptions.load(LeadStreamConfig.optionalPath(System.getenv("LEADSTREAM_CONFIG"))));
        if (code != 0) {
            System.exit(code); // 0 only comes back once the JVM is shutting down
        }
    }

    /** Runs the workers until the JVM is asked to stop; the exit code. */
    public static int run(LeadStreamConfig config) throws InterruptedException {
        String gateway = config.get(LinkOptions.PUBLIC_URL);
        if (gateway.isBlank() || config.get(LinkOptions.TOKEN_SECRET).isBlank()) {
            System.err.println("Set gateway.public-url and gateway.token-secret (the gateway's): email links must reach it and verify.");
            return 2;
        }
        // Workers may start before the engine: the topic they consume and the tables they read must be there.
        TopicAdmin.ensureTopics(config);
        CassandraSchema.apply(config);
        CountDownLatch stopping = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        PrometheusMeterRegistry meters = WorkerEndpoints.registry();
        SendWorkers workers = SendWorkers.start(config, gateway, meters);
        int port = config.get(WorkerOptions.HTTP_PORT);
        WorkerEndpoints endpoints = port < 0 ? null : WorkerEndpoints.start(port, workers, meters);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.countDown();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "send-workers-shutdown"));
        System.out.printf("%d send worker(s) delivering over %s%s (Ctrl-C stops)%n", config.get(WorkerOptions.COUNT), SmtpServers.of(config),
                endpoints == null ? "" : "; /health, /ready and /metrics on port " + endpoints.port());
        try {
            stopping.await();
        } finally {
            if (endpoints != null) {
                endpoints.close();
            }
            workers.close();
            stopped.countDown();
        }
        return 0;
    }
}
