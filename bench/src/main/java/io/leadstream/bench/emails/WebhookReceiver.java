package io.leadstream.bench.emails;

import com.sun.net.httpserver.HttpServer;
import io.leadstream.workers.WebhookSignature;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A webhook receiver for the benchmark: answers 204 to every call, counts them and their events
 * (a batch's are several), the distinct delivery ids of the events (a repeat would show) and the calls
 * whose signature does not verify. Stands for the
 * receiving system, as the benchmark's SMTP server stands for the mail servers.
 */
final class WebhookReceiver implements AutoCloseable {
    static final String SECRET = "emails-benchmark-webhook-secret";

    private final HttpServer server;
    private final WebhookSignature signature = new WebhookSignature(SECRET);
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong badlySigned = new AtomicLong();
    private final Set<String> deliveries = ConcurrentHashMap.newKeySet();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!signature.verifies(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), body)) {
                badlySigned.incrementAndGet();
            }
            JsonArray batch = body.contains("\"events\"") ? new JsonObject(body).getJsonArray("events") : null;
            if (batch == null) {
                deliveries.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-LeadStream-Delivery")));
            } else { // each event keeps the id a call of its own would have had
                batch.forEach(e -> deliveries.add(((JsonObject) e).getString("delivery")));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            events.addAndGet(batch == null ? 1 : batch.size());
            calls.incrementAndGet();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    long calls() {
        return calls.get();
    }

    /** Events received: one per call, or a batch's events. */
    long events() {
        return events.get();
    }

    long distinctDeliveries() {
        return deliveries.size();
    }

    long badlySigned() {
        return badlySigned.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
