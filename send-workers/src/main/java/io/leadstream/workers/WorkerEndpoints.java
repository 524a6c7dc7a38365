package io.leadstream.workers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A send-worker process's answers to its orchestrator and to Prometheus: {@code /health} (200 while
 * its consumer and send threads run: restart it otherwise), {@code /ready} (200 once it is in the
 * send-commands consumer group and a Cassandra node is up: 503 with the reason before) and
 * {@code /metrics} (Prometheus text). Three fixed paths on the JDK's own HTTP server: a worker has no
 * other HTTP to serve.
 */
public final class WorkerEndpoints implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final JvmGcMetrics gc;

    private WorkerEndpoints(HttpServer server, JvmGcMetrics gc) {
        this.server = server;
        this.gc = gc;
    }

    /** The registry a process's workers count in, with the JVM's own meters. */
    public static PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        return meters;
    }

    public static WorkerEndpoints start(int port, SendWorkers workers, PrometheusMeterRegistry meters) {
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(meters);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            server.createContext("/health", ex -> status(ex, workers.alive() ? null : "its consumer or a send thread stopped"));
            server.createContext("/ready", ex -> status(ex, workers.notReady()));
            server.createContext("/metrics", ex -> reply(ex, 200, "text/plain; version=0.0.4; charset=utf-8", meters::scrape));
            server.start();
            return new WorkerEndpoints(server, gc);
        } catch (IOException e) {
            gc.close();
            throw new UncheckedIOException("Send workers cannot answer on port " + port + " (worker.http-port)", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void status(HttpExchange ex, String problem) throws IOException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", problem == null ? "UP" : "DOWN");
        if (problem != null) {
            body.put("reason", problem);
        }
        reply(ex, problem == null ? 200 : 503, "application/json", () -> write(body));
    }

    private static String write(Map<String, String> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void reply(HttpExchange ex, int status, String type, Supplier<String> body) throws IOException {
        try (ex) {
            // A context answers its path and everything under it: only the path itself is ours.
            boolean exact = ex.getRequestURI().getPath().equals(ex.getHttpContext().getPath());
            byte[] bytes = exact ? body.get().getBytes(StandardCharsets.UTF_8) : new byte[0];
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(exact ? status : 404, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        gc.close();
    }
}
