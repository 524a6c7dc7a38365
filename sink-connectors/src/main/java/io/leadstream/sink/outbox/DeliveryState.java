package io.leadstream.sink.outbox;

import java.time.Instant;

/** A message's row of {@code outbox_state}, as read before changing it (the lightweight transactions compare against it). */
public record DeliveryState(String state, String worker, Instant leaseUntil, int attempts) {
    public static final String CLAIMED = "claimed";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";
    public static final String DEAD = "dead";
    public static final String SKIPPED = "skipped";

    /** Sent, refused for good, out of attempts or nothing to send: no worker touches it again. */
    public boolean done() {
        return !CLAIMED.equals(state);
    }

    public boolean expired(Instant now) {
        return leaseUntil == null || !leaseUntil.isAfter(now);
    }
}
