package io.leadstream.workers;

import java.time.Instant;

/**
 * A message's row of {@code outbox_state} as read. {@code state} is null until the message is done
 * ({@code claimed} in rows older workers wrote means the same). {@code committingAt} is set when a
 * worker was about to end the SMTP DATA (the final dot): from then on the server may have the
 * message, so nobody sends it again. {@code retryAt}: a failed attempt's next try, or how long a
 * webhook call's claim lasts. A worker changes a row only if it is still as it read it: its state,
 * attempts and committing mark are the row's version ({@link OutboxStore}).
 */
public record DeliveryState(String state, String worker, int attempts, Instant retryAt, Instant committingAt) {
    /** What workers before the Kafka consumers wrote for a message being tried or waiting for a retry. */
    public static final String CLAIMED = "claimed";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";
    public static final String DEAD = "dead";
    public static final String SKIPPED = "skipped";
    /** Its worker died (or lost the connection) after the final dot, before the server's answer: maybe sent, never resent. */
    public static final String UNCONFIRMED = "unconfirmed";

    /** Sent, refused for good, out of attempts, nothing to send or unconfirmed: no worker touches it again. */
    public boolean done() {
        return state != null && !CLAIMED.equals(state);
    }

    /** Waiting for its next try (or for the worker that called its webhook to say how it went). */
    public boolean waiting(Instant now) {
        return committingAt == null && retryAt != null && retryAt.isAfter(now);
    }

    /** The server may have accepted it: nobody sends it again. */
    public boolean committing() {
        return committingAt != null;
    }
}
