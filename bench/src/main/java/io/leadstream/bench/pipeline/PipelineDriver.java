package io.leadstream.bench.pipeline;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;

/**
 * Sends the mix to the gateway on a fixed schedule (open loop: {@code rate} events a second,
 * whatever the answers), over keep-alive HTTP/1.1 connections, from one event loop. A 5xx or a
 * broken connection means the event is not in Kafka, so it is sent again with backoff, as a
 * tracker retries; a 4xx is a refusal and is recorded, never retried. Runs in a process of its own
 * ({@link DriverMain}), so that its CPU is not mixed with the system's.
 */
final class PipelineDriver {
    private static final long TICK_MS = 5;

    /** What becomes of each event; called on the driver's event loop only. */
    interface Recorder {
        void sent(long firstAttemptAt);

        void accepted(PipelineMix.Event e, int status, long firstAttemptAt, long latencyMicros);

        /** A 4xx: refused for good. */
        void rejected(PipelineMix.Event e, int status, String reason);

        /** A 5xx or a broken connection (status 0): not in Kafka, sent again. */
        void retried(int status);
    }

    private final Vertx vertx;
    private final Context context;
    private final HttpClientAgent client;
    private final PipelineMix mix;
    private final Recorder ledger;
    private final int maxInFlight;
    private int inFlight;
    private long planned;
    private long behind;
    private Runnable pump = () -> { };

    PipelineDriver(Vertx vertx, String host, int port, PipelineMix mix, Recorder ledger, int maxInFlight) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(host).setDefaultPort(port).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(maxInFlight).setMaxWaitQueueSize(-1));
        this.mix = mix;
        this.ledger = ledger;
        this.maxInFlight = maxInFlight;
    }

    /**
     * Sends {@code events} more at {@code rate} a second (infinity: as fast as {@code maxInFlight}
     * connections allow, a closed loop); completes when every one was accepted or refused (retries
     * included), or fails after {@code giveUpAfter} past the schedule.
     */
    Future<Void> run(long events, double rate, Duration giveUpAfter) {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            long start = System.nanoTime();
            long deadline = start + (long) Math.min(Long.MAX_VALUE / 4, events / rate * 1e9) + giveUpAfter.toNanos();
            long base = planned;
            // Sends whatever is due; also called as each answer comes, so a closed loop does not wait for the tick.
            pump = () -> {
                long due = base + (long) Math.min(events, (System.nanoTime() - start) / 1e9 * rate);
                while (planned < due && inFlight < maxInFlight) {
                    planned++;
                    send(mix.next(), 0, System.currentTimeMillis());
                }
                behind = due - planned;
            };
            vertx.setPeriodic(TICK_MS, timer -> {
                pump.run();
                if (planned == base + events && inFlight == 0) {
                    vertx.cancelTimer(timer);
                    done.complete();
                } else if (System.nanoTime() > deadline) {
                    vertx.cancelTimer(timer);
                    done.fail("the gateway did not take every event within " + giveUpAfter + " past the schedule: "
                            + (base + events - planned) + " not sent yet, " + inFlight + " in flight");
                }
            });
        });
        return done.future();
    }

    private void send(PipelineMix.Event e, int attempt, long firstAttemptAt) {
        inFlight++;
        long t0 = System.nanoTime();
        ledger.sent(firstAttemptAt);
        RequestOptions options = new RequestOptions().setMethod(e.post() ? HttpMethod.POST : HttpMethod.GET).setURI(e.uri())
                .putHeader(HttpHeaders.COOKIE, "mautic_device_id=" + e.deviceId())
                .putHeader(HttpHeaders.USER_AGENT, "Mozilla/5.0 (X11; Linux x86_64) LeadStreamPipelineBenchmark/1.0");
        if (e.post()) {
            options.putHeader(HttpHeaders.CONTENT_TYPE, "application/x-www-form-urlencoded").putHeader(HttpHeaders.ACCEPT, "application/json");
        }
        client.request(options)
                .compose(req -> e.body() == null ? req.send() : req.send(Buffer.buffer(e.body())))
                .compose(resp -> resp.body().map(body -> new Answer(resp, body)))
                .onComplete(ar -> {
                    inFlight--;
                    pump.run();
                    int status = ar.succeeded() ? ar.result().status() : 0;
                    if (status >= 200 && status < 400) {
                        ledger.accepted(e, status, firstAttemptAt, (System.nanoTime() - t0) / 1000);
                    } else if (status >= 400 && status < 500) {
                        ledger.rejected(e, status, ar.result().body().toString());
                    } else {
                        ledger.retried(status);
                        long backoff = Math.min(2000, 100L << Math.min(attempt, 5));
                        inFlight++; // the retry holds its place
                        vertx.setTimer(backoff, t -> {
                            inFlight--;
                            send(e, attempt + 1, firstAttemptAt);
                        });
                    }
                });
    }

    /** Events the schedule wanted sent that waited for a free connection, at the last tick. */
    long behind() {
        return behind;
    }

    Future<Void> close() {
        return client.close();
    }

    private record Answer(int status, Buffer body) {
        Answer(HttpClientResponse resp, Buffer body) {
            this(resp.statusCode(), body);
        }
    }
}
