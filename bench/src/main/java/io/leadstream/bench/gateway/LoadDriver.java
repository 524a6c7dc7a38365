package io.leadstream.bench.gateway;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives {@code GET /mtracking.gif} at one target with Vert.x's own HTTP/1.1 client: keep-alive
 * connections (optionally pipelined), one client per driver event loop so a connection never
 * hops threads.
 *
 * <p>Closed loop (default): every connection keeps {@code pipelining} requests outstanding and
 * sends the next on the same connection as soon as one completes, so {@code connections x
 * pipelining} are always in flight. Latency is send-to-last-byte and, as in any closed loop,
 * does not include the time a request would have waited had it been sent on schedule.
 * Open loop ({@code rate > 0}): requests are sent on a fixed schedule and latency is measured
 * from the scheduled time, so queueing in the driver and the server is included.
 */
final class LoadDriver {
    static final int BAD_BODY = -1;

    /**
     * {@code path}: the one path every request asks for (a landing page), or null for tracker hits
     * with varying parameters; {@code bodyBytes}: the length a 200's body must have.
     */
    record Settings(int connections, int pipelining, int driverThreads, double rate, Duration warmup,
                    Duration duration, int devices, String path, int bodyBytes) {
        Settings withTimes(Duration warmup, Duration duration) {
            return new Settings(connections, pipelining, driverThreads, rate, warmup, duration, devices, path, bodyBytes);
        }
    }

    private final Vertx driverVertx;
    private final List<Context> contexts;
    private final Settings settings;
    private final CpuMeter cpu;

    /** {@code contexts}: one event-loop context per driver thread, each on its own event loop. */
    LoadDriver(Vertx driverVertx, List<Context> contexts, Settings settings, CpuMeter cpu) {
        this.driverVertx = driverVertx;
        this.contexts = List.copyOf(contexts);
        this.settings = settings;
        this.cpu = cpu;
    }

    /** One run against one target: warm-up, measurement window, then drain. */
    LoadResult run(String target, String host, int port) throws InterruptedException {
        Run run = new Run(target, host, port);
        return run.execute();
    }

    private final class Run {
        private final String target;
        private final List<Stream> streams = new ArrayList<>();
        private final Recorder recorder = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
        private final LongAdder ok = new LongAdder();
        private final LongAdder non200 = new LongAdder();
        private final LongAdder errors = new LongAdder();
        private final LongAdder okAllPhases = new LongAdder();
        private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> errorSamples = new ConcurrentHashMap<>();
        private final AtomicInteger outstanding = new AtomicInteger();
        private final java.util.Set<HttpClientConnection> lanes = ConcurrentHashMap.newKeySet();
        private volatile boolean running = true;
        private volatile boolean measuring;

        Run(String target, String host, int port) {
            this.target = target;
            int threads = contexts.size();
            for (int t = 0; t < threads; t++) {
                int connections = share(settings.connections(), threads, t);
                HttpClientOptions options = new HttpClientOptions()
                        .setDefaultHost(host)
                        .setDefaultPort(port)
                        .setKeepAlive(true)
                        .setTcpNoDelay(true)
                        .setConnectTimeout(10_000)
                        .setPipelining(settings.pipelining() > 1)
                        .setPipeliningLimit(Math.max(1, settings.pipelining()));
                PoolOptions pool = new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1);
                streams.add(new Stream(driverVertx.createHttpClient(options, pool), contexts.get(t),
                        connections, new TrackerRequests(settings.devices(), 42, target + t),
                        settings.rate() / threads, host, port));
            }
        }

        LoadResult execute() throws InterruptedException {
            for (Stream s : streams) {
                s.context.runOnContext(v -> {
                    cpu.markDriverThread();
                    s.start();
                });
            }
            Thread.sleep(settings.warmup().toMillis());
            CpuMeter.Snapshot cpuStart = cpu.snapshot();
            long t0 = System.nanoTime();
            measuring = true;
            Thread.sleep(settings.duration().toMillis());
            measuring = false;
            long t1 = System.nanoTime();
            CpuMeter.Snapshot cpuEnd = cpu.snapshot();
            Histogram latency = recorder.getIntervalHistogram();
            running = false;
            long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (outstanding.get() > 0 && System.nanoTime() < drainDeadline) {
                Thread.sleep(20);
            }
            int stuck = outstanding.get();
            for (HttpClientConnection connection : lanes) {
                connection.close();
            }
            CountDownLatch closed = new CountDownLatch(streams.size());
            for (Stream s : streams) {
                s.client.close().onComplete(ar -> closed.countDown());
            }
            closed.await(10, TimeUnit.SECONDS);
            if (stuck > 0) {
                errorSamples.computeIfAbsent("still outstanding 30 s after the window", k -> new LongAdder()).add(stuck);
            }
            Map<Integer, Long> statusCounts = new TreeMap<>();
            statuses.forEach((k, v) -> statusCounts.put(k, v.sum()));
            Map<String, Long> errorCounts = new TreeMap<>();
            errorSamples.forEach((k, v) -> errorCounts.put(k, v.sum()));
            return new LoadResult(target, (t1 - t0) / 1e9, ok.sum(), non200.sum(), errors.sum(), statusCounts,
                    errorCounts, latency, okAllPhases.sum(), cpuEnd.coresSince(cpuStart), cpuEnd.topThreads(cpuStart, 8),
                    Map.of(CpuMeter.SERVER, cpuEnd.allocatedSince(cpuStart, CpuMeter.SERVER),
                            CpuMeter.PRODUCER, cpuEnd.allocatedSince(cpuStart, CpuMeter.PRODUCER),
                            CpuMeter.DRIVER, cpuEnd.allocatedSince(cpuStart, CpuMeter.DRIVER)),
                    cpuEnd.gcs() - cpuStart.gcs(),
                    Map.of(CpuMeter.SERVER, cpuEnd.systemShareSince(cpuStart, CpuMeter.SERVER),
                            CpuMeter.DRIVER, cpuEnd.systemShareSince(cpuStart, CpuMeter.DRIVER)));
        }

        /**
         * Requests of one driver event loop: its own client and request generator. Closed loop: its
         * connections are opened one by one ({@code HttpClientAgent.connect}) and each keeps
         * {@code pipelining} requests outstanding, the next sent on the same connection as soon as one
         * completes (no pool look-up per request). Open loop: requests go through the client's pool.
         */
        private final class Stream {
            final HttpClientAgent client;
            final Context context;
            final int connections;
            final TrackerRequests requests;
            final double ratePerSecond;
            final String host;
            final int port;
            long openLoopStart;
            long openLoopSent;

            Stream(HttpClientAgent client, Context context, int connections, TrackerRequests requests, double ratePerSecond,
                   String host, int port) {
                this.client = client;
                this.context = context;
                this.connections = connections;
                this.requests = requests;
                this.ratePerSecond = ratePerSecond;
                this.host = host;
                this.port = port;
            }

            void start() {
                if (ratePerSecond > 0) {
                    openLoopStart = System.nanoTime();
                    driverVertx.setPeriodic(1, id -> {
                        if (!running) {
                            driverVertx.cancelTimer(id);
                            return;
                        }
                        tick();
                    });
                } else {
                    for (int i = 0; i < connections; i++) {
                        openLane();
                    }
                }
            }

            /** One keep-alive connection with {@code pipelining} requests always outstanding; reopened if it closes. */
            private void openLane() {
                if (!running) {
                    return;
                }
                client.connect(new HttpConnectOptions().setHost(host).setPort(port)).onComplete(ar -> {
                    if (ar.failed()) {
                        failed(ar.cause());
                        driverVertx.setTimer(100, id -> openLane());
                        return;
                    }
                    Lane lane = new Lane(ar.result());
                    lanes.add(lane.connection);
                    lane.connection.closeHandler(v -> {
                        lane.closed = true;
                        lanes.remove(lane.connection);
                        openLane();
                    });
                    for (int i = 0; i < settings.pipelining(); i++) {
                        lane.send();
                    }
                });
            }

            private final class Lane {
                final HttpClientConnection connection;
                boolean closed;

                Lane(HttpClientConnection connection) {
                    this.connection = connection;
                }

                void send() {
                    if (!running || closed) {
                        return;
                    }
                    long start = System.nanoTime();
                    outstanding.incrementAndGet();
                    exchange(connection, start).onComplete(ar -> {
                        completed(start, ar);
                        if (ar.succeeded()) {
                            send();
                        } else if (!closed) {
                            driverVertx.setTimer(10, id -> send()); // not re-entrantly, not in a hot spin
                        }
                    });
                }
            }

            /** Open loop: sends every request whose scheduled time has come, timed from that schedule. */
            private void tick() {
                long now = System.nanoTime();
                long due = (long) ((now - openLoopStart) / 1e9 * ratePerSecond);
                double intervalNanos = 1e9 / ratePerSecond;
                // Bounded so a saturated target cannot make the driver queue without limit.
                int cap = connections * settings.pipelining() * 16;
                while (openLoopSent < due) {
                    long scheduled = openLoopStart + (long) (openLoopSent * intervalNanos);
                    openLoopSent++;
                    if (outstanding.get() >= cap) {
                        if (measuring) {
                            errors.increment();
                            errorSamples.computeIfAbsent("not sent: driver queue full (" + cap + ")", k -> new LongAdder())
                                    .increment();
                        }
                        continue;
                    }
                    outstanding.incrementAndGet();
                    exchange(client, scheduled).onComplete(ar -> completed(scheduled, ar));
                }
            }

            /** One GET of the next tracker hit (or the page); the status, or BAD_BODY for a 200 that is not the GIF (the page). */
            private Future<Integer> exchange(io.vertx.core.http.HttpClient via, long startNanos) {
                requests.next();
                RequestOptions options = new RequestOptions()
                        .setMethod(HttpMethod.GET)
                        .setHost(host)
                        .setPort(port)
                        .setURI(settings.path() == null ? requests.uri() : settings.path())
                        .putHeader(HttpHeaders.COOKIE, requests.cookie())
                        .putHeader(HttpHeaders.USER_AGENT, TrackerRequests.USER_AGENT);
                return via.request(options)
                        .compose(HttpClientRequest::send)
                        .compose(response -> response.body().map(body ->
                                response.statusCode() == 200 && body.length() != settings.bodyBytes()
                                        ? BAD_BODY : response.statusCode()));
            }

            private void completed(long startNanos, AsyncResult<Integer> ar) {
                long latency = System.nanoTime() - startNanos;
                outstanding.decrementAndGet();
                if (ar.succeeded() && ar.result() == 200) {
                    okAllPhases.increment();
                }
                if (!measuring) {
                    return;
                }
                if (ar.succeeded()) {
                    int status = ar.result();
                    statuses.computeIfAbsent(status, k -> new LongAdder()).increment();
                    if (status == 200) {
                        ok.increment();
                        recorder.recordValue(Math.min(latency, TimeUnit.SECONDS.toNanos(60)));
                    } else {
                        non200.increment();
                    }
                } else {
                    failed(ar.cause());
                }
            }

            private void failed(Throwable cause) {
                if (!measuring) {
                    return;
                }
                errors.increment();
                String key = cause.getClass().getSimpleName() + ": " + cause.getMessage();
                if (errorSamples.size() < 20 || errorSamples.containsKey(key)) {
                    errorSamples.computeIfAbsent(key, k -> new LongAdder()).increment();
                }
            }
        }
    }

    private static int share(int total, int parts, int index) {
        return total / parts + (index < total % parts ? 1 : 0);
    }

    /** One request to look at what a target answers (status, headers, body size) before loading it. */
    static String probe(Vertx vertx, String host, int port) throws Exception {
        return probe(vertx, host, port, null);
    }

    /** As {@link #probe(Vertx, String, int)}, for {@code path} (null: a tracker hit). */
    static String probe(Vertx vertx, String host, int port, String path) throws Exception {
        HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(host).setDefaultPort(port));
        try {
            TrackerRequests requests = new TrackerRequests(1, 7, "probe");
            requests.next();
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI(path == null ? requests.uri() : path)
                    .putHeader(HttpHeaders.COOKIE, requests.cookie())
                    .putHeader(HttpHeaders.USER_AGENT, TrackerRequests.USER_AGENT);
            Future<String> answer = client.request(options).compose(HttpClientRequest::send)
                    .compose(r -> r.body().map(b -> {
                        StringBuilder sb = new StringBuilder().append(r.statusCode()).append(' ').append(b.length()).append(" bytes");
                        r.headers().forEach(h -> sb.append(" | ").append(h.getKey()).append(": ").append(h.getValue()));
                        return sb.toString();
                    }));
            return answer.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } finally {
            client.close();
        }
    }
}
