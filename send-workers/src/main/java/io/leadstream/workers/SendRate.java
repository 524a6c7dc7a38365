package io.leadstream.workers;

import io.github.bucket4j.Bucket;
import java.time.Duration;

/**
 * A transport's send rate, shared by the send threads of a process: Bucket4j's token bucket of one
 * token, refilled every {@code 1/rate} seconds, so sends are evenly spaced and an idle spell saves
 * up no burst (relays count per second; a burst after a quiet minute is what trips them).
 */
final class SendRate {
    private static final SendRate UNLIMITED = new SendRate(null);

    private final Bucket bucket;

    private SendRate(Bucket bucket) {
        this.bucket = bucket;
    }

    /** At most {@code perSecond} permits a second; 0: no limit. */
    static SendRate of(double perSecond) {
        if (perSecond <= 0) {
            return UNLIMITED;
        }
        Duration every = Duration.ofNanos(Math.max(1, Math.round(1e9 / perSecond)));
        // Nanoseconds: with Bucket4j's default milliseconds a one-token bucket could not pass more than 1,000 a second.
        return new SendRate(Bucket.builder().addLimit(limit -> limit.capacity(1).refillGreedy(1, every).initialTokens(1))
                .withNanosecondPrecision().build());
    }

    /**
     * Takes a permit, waiting for it at most {@code maxWait}; false, at once and taking nothing, when
     * the permit would come later than that (or the thread is interrupted).
     */
    boolean acquire(Duration maxWait) {
        if (bucket == null) {
            return true;
        }
        if (maxWait.isZero() || maxWait.isNegative()) {
            return bucket.tryConsume(1); // Bucket4j's blocking call refuses a wait of 0
        }
        try {
            return bucket.asBlocking().tryConsume(1, maxWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
