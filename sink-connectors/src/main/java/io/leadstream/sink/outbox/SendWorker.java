package io.leadstream.sink.outbox;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.WorkerOptions;
import io.leadstream.schemas.engine.DeliveryStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A send worker: takes the due messages its process's {@link OutboxScanner} finds, claims each under
 * a lease (lightweight transactions in {@code outbox_state}), renders and delivers it over SMTP, and
 * records the outcome while the claim is still its own. Run N of them: they split the work by claims.
 *
 * <p>Guarantee: a message the SMTP server accepted is never sent again. Just before the final dot
 * of SMTP DATA (the instant the server takes it) the worker marks the message committing, by a
 * lightweight transaction that holds only while the claim is its own; a worker that lost its claim
 * (it stalled past the lease and another took over) abandons the DATA, so the server drops it. A
 * message a worker claimed and did not commit (it died before, or SMTP failed) is taken over when
 * the lease expires and sent: nothing is lost. A message whose worker died, or lost the connection,
 * after the final dot and before the server's answer is closed as {@code unconfirmed} and never
 * resent: so a process that dies while its committing write is in flight (one lightweight transaction,
 * milliseconds) or before the rest of the DATA and the dot left its socket loses that message: at most
 * once for the messages in flight at that instant, never twice. Webhooks (see {@link WebhookDelivery}) are at least once. Transient failures retry with a doubling
 * backoff up to {@code worker.max-attempts}, then the message is dead (a dead letter); a 5xx refusal
 * fails it at once. A marketing email is skipped for a do-not-contact contact or one at its
 * frequency cap (two workers sending to one contact at the same instant may pass it by one), and
 * goes once per contact (the first send to reserve the pair). Every outcome is reported
 * ({@link DeliveryReports}).
 */
public final class SendWorker {
    private static final Logger LOG = LoggerFactory.getLogger(SendWorker.class);

    private enum Outcome { DONE, PENDING }

    private final String id;
    private final OutboxStore store;
    private final EmailDelivery emails;
    private final WebhookDelivery webhooks;
    private final DeliveryReports reports;
    private final Clock clock;
    private final Duration lease;
    private final Duration backoff;
    private final int maxAttempts;

    SendWorker(String id, LeadStreamConfig config, OutboxStore store, EmailDelivery emails, WebhookDelivery webhooks,
               DeliveryReports reports, Clock clock) {
        this.id = id;
        this.store = store;
        this.emails = emails;
        this.webhooks = webhooks;
        this.reports = reports;
        this.clock = clock;
        this.lease = config.get(WorkerOptions.LEASE);
        this.backoff = config.get(WorkerOptions.RETRY_BACKOFF);
        this.maxAttempts = config.get(WorkerOptions.MAX_ATTEMPTS);
    }

    /** Delivers {@code m} if it is due and nobody else holds it; true when it is done with (by this worker or another). */
    boolean handle(OutboxMessage m) {
        return attemptOnce(m) == Outcome.DONE;
    }

    private Outcome attemptOnce(OutboxMessage m) {
        Instant now = clock.instant();
        DeliveryState seen = store.state(m.commandId());
        if (seen != null && seen.done()) {
            return Outcome.DONE;
        }
        if (seen != null && seen.committing() && seen.expired(now)) {
            String detail = "worker " + seen.worker() + " stopped after the final dot, before the server's answer: not resent";
            if (store.unconfirmed(m.commandId(), seen, detail)) {
                reports.finished(m, DeliveryStatus.UNCONFIRMED, seen.attempts(), detail, now, null);
            }
            return Outcome.DONE;
        }
        if (m.webhook() && webhooks.waiting(m)) {
            return Outcome.PENDING; // the contact's earlier webhook goes first
        }
        int attempt;
        if (seen == null) {
            if (!store.claim(m.commandId(), id, now.plus(lease))) {
                return Outcome.PENDING;
            }
            attempt = 1;
        } else {
            if (!seen.expired(now) || !store.takeOver(m.commandId(), id, now.plus(lease), seen)) {
                return Outcome.PENDING; // another worker holds it, or a retry is not due yet
            }
            attempt = seen.attempts() + 1;
            if (attempt > maxAttempts) {
                return finish(m, attempt - 1, Attempt.finished(DeliveryState.DEAD, DeliveryStatus.DEAD_LETTER,
                        "no delivery in " + maxAttempts + " attempts", null));
            }
        }
        Attempt result = attempt(m, attempt);
        return switch (result.kind()) {
            case NOT_OURS -> {
                LOG.warn("Send worker {}: lost the claim on {} before sending it; its new owner sends it", id, m.commandId());
                yield Outcome.PENDING;
            }
            case RETRY -> attempt >= maxAttempts
                    ? finish(m, attempt, Attempt.finished(DeliveryState.DEAD, DeliveryStatus.DEAD_LETTER, "attempt " + attempt + ": " + result.detail(), null))
                    : retry(m, attempt, result.detail());
            case FINISHED -> finish(m, attempt, result);
        };
    }

    private Attempt attempt(OutboxMessage m, int attempt) {
        if (m.email()) {
            return emails.deliver(m, attempt >= maxAttempts, () -> store.commit(m.commandId(), id, clock.instant(), clock.instant().plus(lease)));
        }
        if (m.webhook()) {
            return webhooks.deliver(m);
        }
        return Attempt.finished(DeliveryState.FAILED, DeliveryStatus.FAILED, "unknown channel " + m.channel(), null);
    }

    private Outcome retry(OutboxMessage m, int attempt, String detail) {
        Instant retry = clock.instant().plus(backoff.multipliedBy(1L << Math.min(20, attempt - 1)));
        if (store.retryAt(m.commandId(), id, retry, "attempt " + attempt + ": " + detail)) {
            reports.finished(m, DeliveryStatus.DEFERRED, attempt, detail, clock.instant(), null);
        }
        LOG.info("Send worker {}: {} failed ({}), retry at {}", id, m.commandId(), detail, retry);
        return Outcome.PENDING;
    }

    private Outcome finish(OutboxMessage m, int attempts, Attempt result) {
        Instant at = clock.instant();
        if (store.finish(m.commandId(), id, result.state(), at, result.detail())) {
            reports.finished(m, result.status(), attempts, result.detail(), at, result.address());
        } else {
            // Our lease ran out while we worked and another worker took the message over.
            LOG.warn("Send worker {}: lost the claim on {} before recording it {} ({})", id, m.commandId(), result.state(), result.detail());
        }
        return Outcome.DONE;
    }
}
