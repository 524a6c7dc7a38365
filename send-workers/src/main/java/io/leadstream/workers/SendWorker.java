package io.leadstream.workers;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.schemas.engine.DeliveryStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A send thread's logic: given a message, its state row and its recipient as read just before,
 * decides whether it is due, renders it and sends it over SMTP (or calls its webhook), and records
 * the outcome. All of one contact's commands are in one send-commands partition, which Kafka gives
 * to one process, whose send threads are chosen by contact: so the once-per-contact and
 * frequency-cap records change by plain writes.
 *
 * <p>Guarantee: a message the SMTP server accepted is never sent again. Just before the final dot
 * of SMTP DATA (the instant the server takes it) the worker claims the message by writing its
 * committing mark with a lightweight transaction from the row as it read it ({@link CommitGate}):
 * of two workers holding the same command while Kafka moves its partition, one wins and the other
 * abandons the DATA, so the server drops it. A message nobody committed (its worker died before, or
 * SMTP failed) is sent by whoever reads its command next: nothing is lost. A message whose worker
 * died, or lost the connection, after the mark and before the server's answer is closed as
 * {@code unconfirmed} {@code worker.commit-timeout} after the mark and never resent: so a process
 * that dies while its mark is in flight loses that message: at most once for the messages in flight
 * at that instant, never twice. Webhooks (see {@link WebhookDelivery}) are claimed for the commit
 * timeout before the call, and called again after it if their worker died: at least once.
 * Transient failures retry with a doubling backoff up to {@code worker.max-attempts}, then the
 * message is dead (a dead letter); a 5xx refusal fails it at once. A marketing email is skipped for
 * a do-not-contact contact or one at its frequency cap, and goes once per contact (the first send to
 * reserve the pair). Every outcome is reported ({@link DeliveryReports}).
 */
public final class SendWorker {
    private static final Logger LOG = LoggerFactory.getLogger(SendWorker.class);
    /** How soon a message that cannot go yet (its address not stored, an earlier webhook of its contact pending) is looked at again. */
    static final Duration RECHECK = Duration.ofSeconds(2);

    /** What became of a message: done with (recorded or found done), or to be looked at again at {@link #again}. */
    record Result(Instant again) {
        static final Result DONE = new Result(null);

        boolean done() {
            return again == null;
        }
    }

    private final String id;
    private final OutboxStore store;
    private final EmailDelivery emails;
    private final WebhookDelivery webhooks;
    private final DeliveryReports reports;
    private final Clock clock;
    private final Duration backoff;
    private final Duration storeBackoff;
    private final Duration commitTimeout;
    private final int maxAttempts;
    /**
     * Marks this worker asked for on messages whose final dot did not go, until the message is done:
     * a mark's transaction can land after its worker gave up on it (its answer lost, the take-back
     * failed, or a request still queued at Cassandra when its connection closed), and the row read
     * next shows the mark, which must not read as a worker that died after the dot (unconfirmed, never
     * sent). Only this thread handles these commands while its process owns their partition; after
     * that, unconfirmed stands.
     */
    private final Map<String, List<DeliveryState>> held = new HashMap<>();
    /**
     * Messages whose final dot went under this worker's mark but whose outcome Cassandra failed to
     * record: recorded at the next reading, rather than read as a worker that died after the dot.
     */
    private final Map<String, Unrecorded> unrecorded = new HashMap<>();

    private record Unrecorded(DeliveryState mark, Attempt result) {}

    SendWorker(String id, LeadStreamConfig config, OutboxStore store, EmailDelivery emails, WebhookDelivery webhooks, DeliveryReports reports,
               Clock clock) {
        this.id = id;
        this.store = store;
        this.emails = emails;
        this.webhooks = webhooks;
        this.reports = reports;
        this.clock = clock;
        this.backoff = config.get(WorkerOptions.RETRY_BACKOFF);
        this.storeBackoff = config.get(WorkerOptions.STORE_RETRY_BACKOFF);
        this.commitTimeout = config.get(WorkerOptions.COMMIT_TIMEOUT);
        this.maxAttempts = config.get(WorkerOptions.MAX_ATTEMPTS);
    }

    /** Delivers the message if it is due and nobody is at it; {@code seen}: its state row as just read (null: none). */
    Result handle(OutboxMessage m, DeliveryState seen, Recipient recipient) {
        Instant now = clock.instant();
        List<DeliveryState> heldMarks = held.remove(m.commandId());
        Unrecorded done = unrecorded.remove(m.commandId());
        if (done != null && seen != null && seen.committing() && sameMark(seen, done.mark())) {
            try {
                return record(m, seen, true, seen.attempts(), done.result());
            } catch (RuntimeException e) {
                unrecorded.put(m.commandId(), done);
                throw e;
            }
        }
        if (seen != null && seen.done()) {
            return Result.DONE;
        }
        if (seen != null && seen.committing()) {
            return heldMarks != null && heldMarks.stream().anyMatch(mark -> sameMark(seen, mark))
                    ? outcome(m, seen, false, seen.attempts(), Attempt.retrySoon("Cassandra failed at the final dot, which did not go"))
                    : unconfirmed(m, seen, now);
        }
        if (heldMarks != null) {
            // Not on the row as read, yet it may land: a transaction whose answer was lost can be finished by the next one
            // on the row (Paxos completes what it finds in progress), which then reads this worker's mark, not a dead one's.
            held.put(m.commandId(), heldMarks);
        }
        if (m.due().isAfter(now)) {
            return new Result(m.due());
        }
        if (seen != null && seen.waiting(now)) {
            return new Result(seen.retryAt()); // its next try, or another worker is calling its webhook
        }
        if (m.webhook() && webhooks.waiting(m)) {
            return new Result(now.plus(RECHECK)); // the contact's earlier webhook goes first
        }
        int attempt = seen == null ? 1 : seen.attempts() + 1;
        if (attempt > maxAttempts) {
            return record(m, seen, false, attempt - 1, Attempt.finished(DeliveryState.DEAD, DeliveryStatus.DEAD_LETTER,
                    "no delivery in " + maxAttempts + " attempts", null));
        }
        if (m.email()) {
            CommitGate gate = new CommitGate(store, clock, id, m, seen, attempt);
            Attempt result = emails.deliver(m, recipient, attempt >= maxAttempts, gate);
            boolean serverMayHaveIt = gate.opened() && result.kind() == Attempt.Kind.FINISHED;
            if (gate.marked()) {
                held.remove(m.commandId()); // an earlier attempt's transaction cannot land on a row this mark moved on from
            }
            if (gate.tried() != null && !serverMayHaveIt) {
                held.computeIfAbsent(m.commandId(), k -> new ArrayList<>()).add(gate.tried());
            }
            try {
                return outcome(m, gate.version(), gate.marked(), attempt, result);
            } catch (RuntimeException e) {
                if (serverMayHaveIt) {
                    // Cassandra failed to record the outcome: at the next reading the mark is known as this worker's, past the dot.
                    unrecorded.put(m.commandId(), new Unrecorded(gate.version(), result));
                }
                throw e;
            }
        }
        if (m.webhook()) {
            if (!store.claim(m.commandId(), seen, id, attempt, now.plus(commitTimeout))) {
                return new Result(now); // another worker claimed it first: its row says what became of it
            }
            DeliveryState claimed = new DeliveryState(seen == null ? null : seen.state(), id, attempt, null, null);
            return outcome(m, claimed, true, attempt, webhooks.deliver(m, recipient));
        }
        return record(m, seen, false, attempt, Attempt.finished(DeliveryState.FAILED, DeliveryStatus.FAILED, "unknown channel " + m.channel(), null));
    }

    /** A committing mark without an outcome: its worker may still wait for the server's answer, until the commit timeout. */
    private Result unconfirmed(OutboxMessage m, DeliveryState seen, Instant now) {
        Instant closeAt = seen.committingAt().plus(commitTimeout);
        if (now.isBefore(closeAt)) {
            return new Result(closeAt);
        }
        String detail = "worker " + seen.worker() + " stopped after the final dot, before the server's answer: not resent";
        return record(m, seen, false, seen.attempts(), Attempt.finished(DeliveryState.UNCONFIRMED, DeliveryStatus.UNCONFIRMED, detail, null));
    }

    private static boolean sameMark(DeliveryState row, DeliveryState mark) {
        return row.worker() != null && row.worker().equals(mark.worker()) && row.attempts() == mark.attempts()
                && row.committingAt().equals(mark.committingAt());
    }

    /** {@code version}: the row as this worker left it; {@code claimed}: whether the claim on it is this worker's. */
    private Result outcome(OutboxMessage m, DeliveryState version, boolean claimed, int attempt, Attempt result) {
        return switch (result.kind()) {
            case NOT_OURS -> new Result(clock.instant()); // another worker committed it first: its row says what became of it
            case NOT_YET -> new Result(clock.instant().plus(RECHECK));
            case RETRY, RETRY_SOON -> attempt >= maxAttempts
                    ? record(m, version, claimed, attempt, Attempt.finished(DeliveryState.DEAD, DeliveryStatus.DEAD_LETTER,
                            "attempt " + attempt + ": " + result.detail(), null))
                    : retry(m, version, attempt, result.detail(), result.kind() == Attempt.Kind.RETRY_SOON ? storeBackoff : backoff);
            case FINISHED -> record(m, version, claimed, attempt, result);
        };
    }

    private Result retry(OutboxMessage m, DeliveryState version, int attempt, String detail, Duration first) {
        Instant at = clock.instant().plus(first.multipliedBy(1L << Math.min(20, attempt - 1))).truncatedTo(ChronoUnit.MILLIS);
        if (!store.retryAt(m.commandId(), version, id, attempt, at, "attempt " + attempt + ": " + detail)) {
            return new Result(clock.instant());
        }
        reports.finished(m, DeliveryStatus.DEFERRED, attempt, detail, clock.instant(), null);
        LOG.info("Send worker {}: {} failed ({}), retry at {}", id, m.commandId(), detail, at);
        return new Result(at);
    }

    private Result record(OutboxMessage m, DeliveryState version, boolean claimed, int attempts, Attempt result) {
        Instant at = clock.instant();
        if (claimed) {
            store.finish(m.commandId(), result.state(), at, result.detail());
        } else if (!store.close(m.commandId(), version, id, attempts, result.state(), at, result.detail())) {
            return new Result(at); // another worker changed the row since it was read
        }
        OutboxMessage reported = result.emailId() == null || result.emailId().equals(m.emailId()) ? m : m.withEmailId(result.emailId());
        reports.finished(reported, result.status(), attempts, result.detail(), at, result.address());
        return Result.DONE;
    }
}
