package io.leadstream.workers;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.schemas.engine.DeliveryStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A send thread: delivers the due messages its process's {@link OutboxScanner} finds in the shards
 * the process holds ({@link ShardLeases}), renders each and sends it over SMTP, and records the
 * outcome. All of one contact's messages come to one send thread of one process, so the state of a
 * message, and the once-per-contact and frequency-cap records, change by plain writes.
 *
 * <p>Guarantee: a message the SMTP server accepted is never sent again. Just before the final dot
 * of SMTP DATA (the instant the server takes it) the worker marks the message committing, only
 * while its shard's lease has the margin to run, and checks after the write that it still runs; a
 * worker whose lease ran out abandons the DATA, so the server drops it. A message a worker did not
 * commit (it died before, or SMTP failed) is sent by its shard's next holder: nothing is lost. A
 * message whose worker died, or lost the connection, after the mark and before the server's answer
 * is closed as {@code unconfirmed} and never resent: so a process that dies while its committing
 * write is in flight (one plain write, a fraction of a millisecond) loses that message: at most once
 * for the messages in flight at that instant, never twice. Webhooks (see {@link WebhookDelivery}) are
 * at least once. Transient failures retry with a doubling backoff up to {@code worker.max-attempts},
 * then the message is dead (a dead letter); a 5xx refusal fails it at once. A marketing email is
 * skipped for a do-not-contact contact or one at its frequency cap, and goes once per contact (the
 * first send to reserve the pair). Every outcome is reported ({@link DeliveryReports}).
 */
public final class SendWorker {
    private static final Logger LOG = LoggerFactory.getLogger(SendWorker.class);

    private final String id;
    private final OutboxStore store;
    private final ShardLeases leases;
    private final EmailDelivery emails;
    private final WebhookDelivery webhooks;
    private final DeliveryReports reports;
    private final Clock clock;
    private final Duration backoff;
    private final int maxAttempts;

    SendWorker(String id, LeadStreamConfig config, OutboxStore store, ShardLeases leases, EmailDelivery emails, WebhookDelivery webhooks,
               DeliveryReports reports, Clock clock) {
        this.id = id;
        this.store = store;
        this.leases = leases;
        this.emails = emails;
        this.webhooks = webhooks;
        this.reports = reports;
        this.clock = clock;
        this.backoff = config.get(WorkerOptions.RETRY_BACKOFF);
        this.maxAttempts = config.get(WorkerOptions.MAX_ATTEMPTS);
    }

    /** Delivers a message not done yet (the scanner keeps done ones), if it is due and its shard is still this process's; true when it is done with. */
    boolean handle(ScannedMessage scanned) {
        OutboxMessage m = scanned.message();
        DeliveryState seen = scanned.seen();
        Instant now = clock.instant();
        if (!leases.mayCommit(m.shard())) {
            return false; // the shard is going to another process: it delivers the message
        }
        if (seen != null && seen.committing()) {
            String detail = "worker " + seen.worker() + " stopped after the final dot, before the server's answer: not resent";
            store.finish(m.commandId(), id, seen.attempts(), DeliveryState.UNCONFIRMED, now, detail);
            reports.finished(m, DeliveryStatus.UNCONFIRMED, seen.attempts(), detail, now, null);
            return true;
        }
        if (seen != null && seen.waiting(now) || m.webhook() && webhooks.waiting(m)) {
            return false; // its retry is not due yet, or the contact's earlier webhook goes first
        }
        int attempt = seen == null ? 1 : seen.attempts() + 1;
        if (attempt > maxAttempts) {
            return finish(m, attempt - 1, Attempt.finished(DeliveryState.DEAD, DeliveryStatus.DEAD_LETTER,
                    "no delivery in " + maxAttempts + " attempts", null));
        }
        CommitGate gate = new CommitGate(store, leases, clock, id, m, attempt);
        Attempt result = attempt(scanned, attempt, gate);
        return switch (result.kind()) {
            case NOT_OURS -> {
                LOG.warn("Send worker {}: the lease on shard {} ran out before {} was committed; its next holder sends it", id, m.shard(), m.commandId());
                if (gate.marked()) {
                    store.notCommitting(m.commandId());
                }
                yield false;
            }
            case RETRY -> attempt >= maxAttempts
                    ? finish(m, attempt, Attempt.finished(DeliveryState.DEAD, DeliveryStatus.DEAD_LETTER, "attempt " + attempt + ": " + result.detail(), null))
                    : retry(m, attempt, result.detail());
            case FINISHED -> finish(m, attempt, result);
            case NOT_YET -> false; // nothing was written: the next scan hands it again
        };
    }

    private Attempt attempt(ScannedMessage scanned, int attempt, CommitGate gate) {
        OutboxMessage m = scanned.message();
        if (m.email()) {
            return emails.deliver(m, scanned.recipient(), attempt >= maxAttempts, gate);
        }
        if (m.webhook()) {
            return webhooks.deliver(m, scanned.recipient());
        }
        return Attempt.finished(DeliveryState.FAILED, DeliveryStatus.FAILED, "unknown channel " + m.channel(), null);
    }

    private boolean retry(OutboxMessage m, int attempt, String detail) {
        Instant retry = clock.instant().plus(backoff.multipliedBy(1L << Math.min(20, attempt - 1)));
        store.retryAt(m.commandId(), id, attempt, retry, "attempt " + attempt + ": " + detail);
        reports.finished(m, DeliveryStatus.DEFERRED, attempt, detail, clock.instant(), null);
        LOG.info("Send worker {}: {} failed ({}), retry at {}", id, m.commandId(), detail, retry);
        return false;
    }

    private boolean finish(OutboxMessage m, int attempts, Attempt result) {
        Instant at = clock.instant();
        store.finish(m.commandId(), id, attempts, result.state(), at, result.detail());
        reports.finished(m, result.status(), attempts, result.detail(), at, result.address());
        return true;
    }
}
