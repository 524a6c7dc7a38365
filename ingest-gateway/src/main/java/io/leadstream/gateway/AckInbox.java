package io.leadstream.gateway;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands Kafka's acknowledgements back to one event loop. Acks arrive on the producer's I/O thread
 * a batch at a time; they cross to the event loop in one hop per batch rather than one task (and
 * possibly one wake-up syscall) per event. Deadlines are swept by one periodic timer rather than a
 * timer per event: every event waits the same timeout, so the oldest pending one is always first.
 */
final class AckInbox {
    private final Context context;
    private final long timeoutNanos;
    private final long sweepTimer;
    private final Vertx vertx;
    private final Queue<Pending> acked = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** Event-loop only; in publish order, hence in deadline order. */
    private final ArrayDeque<Pending> byDeadline = new ArrayDeque<>();

    /** Must be created on {@code context}'s thread, so the sweep timer runs there too. */
    AckInbox(Vertx vertx, Context context, long timeoutMillis) {
        this.vertx = vertx;
        this.context = context;
        this.timeoutNanos = timeoutMillis * 1_000_000L;
        long period = Math.max(1, Math.min(100, timeoutMillis / 5));
        this.sweepTimer = vertx.setPeriodic(period, id -> sweep(System.nanoTime()));
    }

    /** Event loop: a new event awaiting Kafka. */
    Pending track() {
        Pending p = new Pending(System.nanoTime() + timeoutNanos);
        byDeadline.addLast(p);
        return p;
    }

    /** Any thread (Kafka's I/O thread): Kafka answered for {@code p}; {@code error} null means acked. */
    void answered(Pending p, Exception error) {
        p.error = error;
        acked.add(p);
        if (drainScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drain());
        }
    }

    /** Event loop: the event never reached the producer. */
    void failNow(Pending p, RuntimeException cause) {
        p.settle(cause);
    }

    void close() {
        vertx.cancelTimer(sweepTimer);
    }

    private void drain() {
        drainScheduled.set(false);
        Pending p;
        while ((p = acked.poll()) != null) {
            p.settle(p.error == null ? null
                    : new EventPublisher.OverloadedException("Kafka rejected the event: " + p.error.getMessage()));
        }
        dropSettledHead();
    }

    private void sweep(long now) {
        Pending head;
        while ((head = byDeadline.peekFirst()) != null && (head.settled || head.deadline - now <= 0)) {
            byDeadline.pollFirst();
            head.settle(new EventPublisher.OverloadedException(
                    "Kafka did not acknowledge within " + timeoutNanos / 1_000_000 + " ms"));
        }
    }

    private void dropSettledHead() {
        while (!byDeadline.isEmpty() && byDeadline.peekFirst().settled) {
            byDeadline.pollFirst();
        }
    }

    /** One event awaiting Kafka; settled once, on the event loop, by the ack or the deadline. */
    static final class Pending {
        private final long deadline;
        private final Promise<Void> promise = Promise.promise();
        private volatile Exception error;
        private boolean settled;

        private Pending(long deadline) {
            this.deadline = deadline;
        }

        Future<Void> future() {
            return promise.future();
        }

        private void settle(RuntimeException failure) {
            if (settled) {
                return;
            }
            settled = true;
            if (failure == null) {
                promise.complete();
            } else {
                promise.fail(failure);
            }
        }
    }
}
