package io.leadstream.sink.outbox;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.WorkerOptions;
import io.leadstream.sink.email.EmailDefinition;
import io.leadstream.sink.email.EmailRenderer;
import io.leadstream.sink.email.RenderedEmail;
import io.leadstream.store.cassandra.OutboxLayout;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A send worker: scans the outbox minutes that are due, claims each message under a lease
 * (lightweight transactions in {@code outbox_state}), renders and delivers it over SMTP, and records
 * the outcome while the claim is still its own. Run N of them: they split the work by claims.
 *
 * <p>Guarantee: a message is delivered once, except when a worker dies (or stalls past its lease)
 * after the SMTP server accepted the message and before the worker recorded it as sent, a window of
 * one Cassandra round trip: then another worker sends it again after the lease, with the same
 * Message-ID. A message a worker claimed and did not send (it died before SMTP, or SMTP failed) is
 * taken over when the lease expires: nothing is lost. Transient SMTP failures retry with a doubling
 * backoff up to {@code worker.max-attempts}, then the message is dead (a dead letter); a 5xx refusal
 * fails it at once. A marketing email is skipped for a do-not-contact contact or one at its
 * frequency cap (two workers sending to one contact at the same instant may pass it by one), and
 * goes once per contact (the first send to reserve the pair). Webhook messages are left in the outbox for the
 * webhook delivery to come.
 */
public final class SendWorker implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SendWorker.class);

    private enum Outcome { DONE, PENDING }

    private final String id;
    private final OutboxStore store;
    private final SmtpMailer mailer;
    private final EmailRenderer renderer;
    private final Clock clock;
    private final Duration lease;
    private final Duration lookback;
    private final Duration poll;
    private final Duration backoff;
    private final int maxAttempts;
    private final int frequencyCap;
    private final Duration frequencyPeriod;
    private volatile boolean running = true;
    private Instant cursor;

    public SendWorker(String id, LeadStreamConfig config, OutboxStore store, SmtpMailer mailer, EmailRenderer renderer, Clock clock) {
        this.id = id;
        this.store = store;
        this.mailer = mailer;
        this.renderer = renderer;
        this.clock = clock;
        this.lease = config.get(WorkerOptions.LEASE);
        this.lookback = config.get(WorkerOptions.LOOKBACK);
        this.poll = config.get(WorkerOptions.POLL_INTERVAL);
        this.backoff = config.get(WorkerOptions.RETRY_BACKOFF);
        this.maxAttempts = config.get(WorkerOptions.MAX_ATTEMPTS);
        this.frequencyCap = config.get(WorkerOptions.FREQUENCY_CAP);
        this.frequencyPeriod = config.get(WorkerOptions.FREQUENCY_PERIOD);
    }

    @Override
    public void run() {
        LOG.info("Send worker {} started", id);
        while (running) {
            try {
                if (scanOnce() == 0) {
                    Thread.sleep(poll.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Send worker {}: scan failed, trying again: {}", id, e.toString());
                sleepQuietly();
            }
        }
    }

    /**
     * One pass over the due minutes, from the oldest that still has work (at most the lookback ago)
     * to now. Returns how many messages it finished.
     */
    public int scanOnce() {
        Instant now = clock.instant();
        Instant last = OutboxLayout.bucket(now);
        Instant oldest = OutboxLayout.bucket(now.minus(lookback));
        Instant from = cursor == null || cursor.isBefore(oldest) ? oldest : cursor;
        Instant firstOpen = null;
        int finished = 0;
        for (Instant bucket = from; !bucket.isAfter(last); bucket = bucket.plus(1, ChronoUnit.MINUTES)) {
            boolean open = bucket.equals(last); // the current minute may still fill up
            for (int shard = 0; shard < OutboxLayout.SHARDS && running; shard++) {
                for (OutboxMessage m : store.due(bucket, shard, now)) {
                    if (!m.email()) {
                        open = true;
                        continue;
                    }
                    if (handle(m) == Outcome.PENDING) {
                        open = true;
                    } else {
                        finished++;
                    }
                }
            }
            if (open && firstOpen == null) {
                firstOpen = bucket;
            }
        }
        cursor = firstOpen == null ? last : firstOpen;
        return finished;
    }

    private Outcome handle(OutboxMessage m) {
        Instant now = clock.instant();
        DeliveryState seen = store.state(m.commandId());
        if (seen != null && seen.done()) {
            return Outcome.DONE;
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
                store.finish(m.commandId(), id, DeliveryState.DEAD, now, "no delivery in " + maxAttempts + " attempts");
                return Outcome.DONE;
            }
        }
        return deliver(m, attempt);
    }

    private Outcome deliver(OutboxMessage m, int attempt) {
        EmailDefinition email = store.email(m.emailId());
        if (email == null) {
            return finish(m, DeliveryState.FAILED, "no email definition " + m.emailId());
        }
        List<String> ids = store.ids(m.contactId()); // read once, for the fields and do-not-contact
        Map<String, String> fields = store.fields(ids);
        String to = fields.get("email");
        if (to == null || to.isBlank()) {
            return finish(m, DeliveryState.SKIPPED, "the contact has no email address");
        }
        if (email.isMarketing()) {
            // Transactional email (receipts, password resets) goes whatever the contact's marketing choices.
            if (store.doNotContact(ids)) {
                return finish(m, DeliveryState.SKIPPED, "do not contact");
            }
            if (frequencyCap > 0 && store.marketingSendsSince(m.contactId(), clock.instant().minus(frequencyPeriod)) >= frequencyCap) {
                return finish(m, DeliveryState.SKIPPED, "frequency cap: " + frequencyCap + " marketing emails per " + frequencyPeriod);
            }
            if (!store.reserveMarketing(m.contactId(), email.id(), m.commandId())) {
                return finish(m, DeliveryState.SKIPPED, "marketing email " + email.id() + " already sent to this contact");
            }
        }
        RenderedEmail rendered = renderer.render(email, fields, m.commandId(), m.contactId());
        try {
            mailer.send(email.from(), email.fromName(), to.strip(), rendered);
        } catch (SmtpMailer.SendFailure f) {
            boolean last = f.permanent() || attempt >= maxAttempts;
            if (last && email.isMarketing()) {
                store.releaseMarketing(m.contactId(), email.id(), m.commandId());
            }
            if (f.permanent()) {
                return finish(m, DeliveryState.FAILED, f.getMessage());
            }
            if (attempt >= maxAttempts) {
                return finish(m, DeliveryState.DEAD, "attempt " + attempt + ": " + f.getMessage());
            }
            Instant retry = clock.instant().plus(backoff.multipliedBy(1L << Math.min(20, attempt - 1)));
            store.retryAt(m.commandId(), id, retry, "attempt " + attempt + ": " + f.getMessage());
            LOG.info("Send worker {}: {} failed ({}), retry at {}", id, m.commandId(), f.getMessage(), retry);
            return Outcome.PENDING;
        }
        if (email.isMarketing() && frequencyCap > 0) {
            store.recordMarketingSend(m.contactId(), clock.instant(), m.commandId(), (int) Math.min(Integer.MAX_VALUE, frequencyPeriod.toSeconds()));
        }
        return finish(m, DeliveryState.SENT, null);
    }

    private Outcome finish(OutboxMessage m, String outcome, String detail) {
        if (!store.finish(m.commandId(), id, outcome, clock.instant(), detail)) {
            // Our lease ran out while we worked and another worker took the message: it will send it too.
            LOG.warn("Send worker {}: lost the claim on {} before recording it {} ({})", id, m.commandId(), outcome, detail);
        }
        return Outcome.DONE;
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops after the message in hand; the claims of the ones it had not finished lapse and others take them. */
    @Override
    public void close() {
        running = false;
    }
}
