package io.leadstream.workers;

import java.time.Clock;

/**
 * Opened just before the final dot of SMTP DATA: writes the message's committing mark (with the
 * marketing reservation, if the send asked for one) only while its shard's lease has the margin to
 * run, and lets the dot go only if the lease still ran when the mark landed, so the shard's next
 * holder is sure to see the mark.
 */
final class CommitGate implements GatedSmtpTransport.Gate {
    private final OutboxStore store;
    private final ShardLeases leases;
    private final Clock clock;
    private final String worker;
    private final OutboxMessage message;
    private final int attempt;
    private String marketingEmailId;
    private boolean marked;

    CommitGate(OutboxStore store, ShardLeases leases, Clock clock, String worker, OutboxMessage message, int attempt) {
        this.store = store;
        this.leases = leases;
        this.clock = clock;
        this.worker = worker;
        this.message = message;
        this.attempt = attempt;
    }

    /** Reserves (contact, this marketing email) with the mark. */
    void reserveMarketing(String emailId) {
        this.marketingEmailId = emailId;
    }

    /** Whether the mark was written (and must be taken back if the dot does not go). */
    boolean marked() {
        return marked;
    }

    @Override
    public boolean open() {
        if (!leases.mayCommit(message.shard())) {
            return false;
        }
        store.committing(message, worker, attempt, clock.instant(), marketingEmailId);
        marked = true;
        return leases.holds(message.shard());
    }
}
