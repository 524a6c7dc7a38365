package io.leadstream.gateway;

import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.gateway.contacts.ContactStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * What an orchestrator and Prometheus ask the gateway. {@code /health}: the process answers.
 * {@code /ready}: Kafka answers, since a tracking hit's 2xx needs its ack (503 with the reason
 * otherwise); the body also tells Cassandra's state, which only the API needs, so it does not make
 * the gateway unready (tracking goes on without it). {@code /metrics}: Prometheus text.
 */
final class GatewayProbes implements AutoCloseable {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final LeadStreamConfig config;
    private final ContactStore contacts;
    private Admin admin;

    private GatewayProbes(LeadStreamConfig config, ContactStore contacts) {
        this.config = config;
        this.contacts = contacts;
    }

    static GatewayProbes mount(Router router, Vertx vertx, LeadStreamConfig config, EventPublisher publisher, GatewayMetrics metrics,
                               ContactStore contacts) {
        GatewayProbes probes = new GatewayProbes(config, contacts);
        router.get("/health").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP").put("kafkaInFlight", publisher.inFlight())));
        router.get("/ready").handler(ctx -> probes.ready(vertx, ctx));
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape()));
        return probes;
    }

    private void ready(Vertx vertx, RoutingContext ctx) {
        Future<String> kafka = Future.fromCompletionStage(kafka(), vertx.getOrCreateContext());
        Future<String> cassandra = contacts == null ? Future.succeededFuture("off (gateway.contacts-api)")
                : Future.fromCompletionStage(contacts.state().toCompletableFuture()
                        .completeOnTimeout("DOWN: no answer in " + PROBE_TIMEOUT.toSeconds() + " s", PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .exceptionally(e -> "DOWN: " + rootMessage(e)), vertx.getOrCreateContext());
        Future.join(kafka, cassandra).onComplete(done -> {
            boolean up = kafka.result().startsWith("UP");
            json(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DOWN").put("kafka", kafka.result()).put("cassandra", cassandra.result()));
        });
    }

    /** The brokers Kafka reports, asked anew at every probe (a cached answer would say nothing of now). */
    private CompletableFuture<String> kafka() {
        return admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) PROBE_TIMEOUT.toMillis())).nodes()
                .toCompletionStage().toCompletableFuture()
                .thenApply(nodes -> nodes.isEmpty() ? "DOWN: no broker" : "UP (" + nodes.size() + " broker" + (nodes.size() == 1 ? ")" : "s)"))
                .exceptionally(e -> "DOWN: " + rootMessage(e));
    }

    /** Made at the first probe: a gateway nobody probes has no admin client. */
    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(KafkaOptions.BOOTSTRAP_SERVERS),
                    AdminClientConfig.CLIENT_ID_CONFIG, "leadstream-gateway-ready",
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis()));
        }
        return admin;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
