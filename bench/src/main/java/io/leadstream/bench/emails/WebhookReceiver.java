package io.leadstream.bench.emails;

import com.sun.net.httpserver.HttpServer;
import io.leadstream.workers.WebhookSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A webhook receiver for the benchmark: answers 204 to every call, counts them, the distinct
 * delivery ids (a repeat would show) and those whose signature does not verify. Stands for the
 * receiving system, as the benchmark's SMTP server stands for the mail servers.
 */
final class WebhookReceiver implements AutoCloseable {
    static final String SECRET = "emails-benchmark-webhook-secret";

    private final HttpServer server;
    private final WebhookSignature signature = new WebhookSignature(SECRET);
    private final AtomicLong calls = new AtomicLong();
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
            deliveries.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-LeadStream-Delivery")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
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
