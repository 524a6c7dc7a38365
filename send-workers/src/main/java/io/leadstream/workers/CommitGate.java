package io.leadstream.workers;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Opened just before the final dot of SMTP DATA: claims the message by writing its committing mark,
 * a lightweight transaction from the state row as the worker read it, and lets the dot go only if
 * that won. Two workers holding the same command (Kafka moving its partition) cannot both pass it.
 * Then, for a marketing email, reserves (contact, email) for it.
 */
final class CommitGate implements GatedSmtpTransport.Gate {
    private final OutboxStore store;
    private final Clock clock;
    private final String worker;
    private final OutboxMessage message;
    private final DeliveryState seen;
    private final int attempt;
    private String marketingEmailId;
    private Instant markedAt;
    /** A mark whose transaction's answer was lost (Cassandra timing out): perhaps on the row. */
    private Instant perhapsAt;
    /** The mark this gate asked for, whatever came of it: a transaction lost in a closed connection may still land later. */
    private Instant triedAt;
    private boolean opened;

    CommitGate(OutboxStore store, Clock clock, String worker, OutboxMessage message, DeliveryState seen, int attempt) {
        this.store = store;
        this.clock = clock;
        this.worker = worker;
        this.message = message;
        this.seen = seen;
        this.attempt = attempt;
    }

    /** Reserves (contact, this marketing email) once the mark is written. */
    void reserveMarketing(String emailId) {
        this.marketingEmailId = emailId;
    }

    /** Whether this worker wrote the mark: the message is its own, and the mark must be taken back if the dot does not go. */
    boolean marked() {
        return markedAt != null;
    }

    /** The row as this worker left it: after its mark (or the mark it perhaps wrote), or as read. */
    DeliveryState version() {
        Instant mark = markedAt != null ? markedAt : perhapsAt;
        return mark == null ? seen : markedAt(mark);
    }

    /** Whether the final dot was let go. */
    boolean opened() {
        return opened;
    }

    /**
     * The mark this gate's transaction asked for (null: the gate was never asked). Even when the
     * transaction lost or its answer was read back as not applied, it may land later: Cassandra runs a
     * request it has queued though the connection that sent it closed, as the driver's "Unexpected
     * error on channel" does.
     */
    DeliveryState tried() {
        return triedAt == null ? null : markedAt(triedAt);
    }

    /** The row as read, with this worker's committing mark of {@code at}. */
    private DeliveryState markedAt(Instant at) {
        return new DeliveryState(seen == null ? null : seen.state(), worker, attempt, null, at);
    }

    @Override
    public boolean open() {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS); // as Cassandra keeps it, so the version compares equal
        triedAt = at;
        boolean won;
        try {
            won = store.commit(message.commandId(), seen, worker, attempt, at);
        } catch (RuntimeException unknown) {
            perhapsAt = at;
            throw unknown;
        }
        if (!won) {
            return false;
        }
        markedAt = at;
        if (marketingEmailId != null) {
            store.reserveMarketing(message.contactId(), marketingEmailId, message.commandId());
        }
        opened = true;
        return true;
    }
}
