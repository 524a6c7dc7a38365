package io.leadstream.workers;

import java.time.Instant;

/**
 * A message's row of {@code outbox_state}, as read when its shard was scanned. {@code committingAt}
 * is set when its worker was about to end the SMTP DATA (the final dot): from then on the server
 * may have the message, so nobody sends it again. {@code retryAt}: a failed attempt's next try.
 */
public record DeliveryState(String state, String worker, int attempts, Instant retryAt, Instant committingAt) {
    public static final String CLAIMED = "claimed";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";
    public static final String DEAD = "dead";
    public static final String SKIPPED = "skipped";
    /** Its worker died (or lost the connection) after the final dot, before the server's answer: maybe sent, never resent. */
    public static final String UNCONFIRMED = "unconfirmed";

    /** Sent, refused for good, out of attempts, nothing to send or unconfirmed: no worker touches it again. */
    public boolean done() {
        return !CLAIMED.equals(state);
    }

    /** Waiting for its next try. */
    public boolean waiting(Instant now) {
        return retryAt != null && retryAt.isAfter(now);
    }

    /** The server may have accepted it: a worker that takes it over must not send it again. */
    public boolean committing() {
        return committingAt != null;
    }
}
