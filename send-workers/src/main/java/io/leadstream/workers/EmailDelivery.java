package io.leadstream.workers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadstream.common.email.EmailAddresses;
import io.leadstream.common.email.FormNotifications;
import io.leadstream.common.email.TestSends;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.schemas.engine.DeliveryStatus;
import io.leadstream.email.EmailDefinition;
import io.leadstream.email.EmailRenderer;
import io.leadstream.email.RenderedEmail;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Delivers one due email: checks what a marketing email must respect (do-not-contact, the
 * contact's pause and frequency ({@link FrequencyRules}), once per contact per email, the email a send
 * names counting for its variants and translations), renders the one chosen for the contact
 * ({@link EmailChoices}) and sends it over SMTP through the worker's commit gate. Transactional email
 * (receipts, password resets) goes whatever the contact's marketing choices. A suppression's detail
 * starts with its reason's words ({@link SuppressionReasons}).
 */
final class EmailDelivery {
    private static final int RESERVED_MEMORY = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutboxStore store;
    private final SmtpMailer mailer;
    private final EmailRenderer renderer;
    private final EmailChoices choices;
    private final Clock clock;
    private final FrequencyRules frequency;
    private final Duration recipientWait;
    /** (contact, marketing email) → send, as this thread reserved them lately: newer than the chunk's reads. */
    private final Map<String, String> reserved = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > RESERVED_MEMORY;
        }
    };

    EmailDelivery(LeadStreamConfig config, OutboxStore store, SmtpMailer mailer, EmailRenderer renderer, EmailChoices choices, Clock clock) {
        this.store = store;
        this.mailer = mailer;
        this.renderer = renderer;
        this.choices = choices;
        this.clock = clock;
        this.frequency = FrequencyRules.of(config);
        this.recipientWait = config.get(WorkerOptions.RECIPIENT_WAIT);
    }

    Attempt deliver(OutboxMessage m, Recipient recipient, boolean lastAttempt, CommitGate gate) {
        EmailDefinition email = store.email(m.emailId());
        if (email == null) { // deleted since the send was decided: nothing to send, on purpose
            return skipped("no email definition " + m.emailId());
        }
        if (m.test() || m.notification()) {
            return aside(m, email, recipient, gate);
        }
        String to = recipient.fields().get("email");
        if (to == null || to.isBlank()) {
            // A send made at once can be read before the sink that stores the contact's fields wrote the address.
            return clock.instant().isBefore(m.due().plus(recipientWait))
                    ? Attempt.notYet("the contact's address is not stored yet")
                    : skipped(SuppressionReasons.NO_ADDRESS);
        }
        to = to.strip();
        if (!EmailAddresses.looksValid(to)) {
            return skipped(SuppressionReasons.BAD_ADDRESS + ": " + to);
        }
        if (email.isMarketing()) {
            if (recipient.doNotContact()) {
                return skipped(SuppressionReasons.DNC);
            }
            String paused = frequency.paused(recipient.fields(), m.due());
            if (paused != null) {
                return skipped(paused);
            }
            // Counted now, not with the chunk's reads: a contact's sends all come to this thread, so its send of a moment ago is in it.
            FrequencyRules.Rule cap = frequency.rule(recipient.fields());
            if (cap.limits() && store.marketingSendsSince(m.contactId(), clock.instant().minus(cap.period())) >= cap.max()) {
                return skipped(cap.reason());
            }
            if (reservedElsewhere(m, recipient, email.id())) {
                return skipped(SuppressionReasons.ONCE + " to this contact: marketing email " + email.id());
            }
            gate.reserveMarketing(email.id());
        }
        EmailChoices.Choice choice = choices.choose(m, recipient, email);
        RenderedEmail rendered = renderer.render(choice.email(), email.id(), recipient.fields(), choice.blocks(), m.commandId(), m.contactId(),
                m.due());
        try {
            mailer.send(choice.email(), to, rendered, gate);
        } catch (SmtpMailer.SendFailure f) {
            return failed(m, email, to, f, lastAttempt).rendering(choice.email().id());
        } finally {
            if (gate.marked() && email.isMarketing()) {
                reserved.put(m.contactId() + '\n' + email.id(), m.commandId());
            }
        }
        if (email.isMarketing()) { // counted under any rule: a contact choosing one later is counted what it already got
            store.recordMarketingSend(m.contactId(), clock.instant(), m.commandId(), (int) Math.min(Integer.MAX_VALUE, frequency.keep().toSeconds()));
        }
        return Attempt.finished(DeliveryState.SENT, DeliveryStatus.SENT, null, to).rendering(choice.email().id());
    }

    /**
     * A test send to the author's address, or a form's notification to the address the form names: as
     * the contact (if any) would read it, no marketing rules, nothing tracked.
     */
    private Attempt aside(OutboxMessage m, EmailDefinition email, Recipient recipient, CommitGate gate) {
        String to = (m.test() ? TestSends.address(m.attributes()) : FormNotifications.address(m.attributes())).strip();
        if (!EmailAddresses.looksValid(to)) {
            return skipped(SuppressionReasons.BAD_ADDRESS + ": " + to);
        }
        RenderedEmail rendered = m.test() ? renderer.test(email, recipient.fields(), m.commandId(), m.due())
                : renderer.notification(email, recipient.fields(), results(m), m.commandId(), m.due());
        try {
            mailer.send(email, to, rendered, gate);
        } catch (SmtpMailer.SendFailure f) {
            // Not failed(): an aside holds no marketing reservation of the contact whose fields it shows.
            return switch (f.kind()) {
                case NOT_OURS -> Attempt.notOurs();
                case THROTTLED -> Attempt.notYet(f.getMessage());
                case UNCONFIRMED -> Attempt.finished(DeliveryState.UNCONFIRMED, DeliveryStatus.UNCONFIRMED, f.getMessage(), to);
                case PERMANENT -> Attempt.finished(DeliveryState.FAILED, DeliveryStatus.FAILED, f.getMessage(), to);
                default -> retry(f);
            };
        }
        return Attempt.finished(DeliveryState.SENT, DeliveryStatus.SENT, m.test() ? "test send" : "form notification", to);
    }

    /** The submitted values a notification carries; none when they do not read (the email still goes). */
    private static Map<String, String> results(OutboxMessage m) {
        try {
            return JSON.readValue(m.attributes().getOrDefault(FormNotifications.RESULTS, "{}"), new TypeReference<Map<String, String>>() {});
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    /**
     * Whether another send has (contact, email): as read with the chunk, or reserved by this thread
     * since (a contact's sends all come to one thread of the process that owns its send-commands partition).
     */
    private boolean reservedElsewhere(OutboxMessage m, Recipient recipient, String emailId) {
        String read = recipient.marketingSends().get(emailId);
        String since = reserved.get(m.contactId() + '\n' + emailId);
        return read != null && !read.equals(m.commandId()) || since != null && !since.equals(m.commandId());
    }

    private Attempt failed(OutboxMessage m, EmailDefinition email, String to, SmtpMailer.SendFailure f, boolean lastAttempt) {
        switch (f.kind()) {
            case NOT_OURS:
                return Attempt.notOurs();
            case THROTTLED:
                return Attempt.notYet(f.getMessage()); // not tried: no attempt counted, nothing reserved to give back
            case UNCONFIRMED:
                return Attempt.finished(DeliveryState.UNCONFIRMED, DeliveryStatus.UNCONFIRMED, f.getMessage(), to);
            default:
                break;
        }
        boolean permanent = f.kind() == SmtpMailer.SendFailure.Kind.PERMANENT;
        if ((permanent || lastAttempt) && email.isMarketing()) {
            store.releaseMarketing(m.contactId(), email.id()); // it did not go: a later send of it may
            reserved.remove(m.contactId() + '\n' + email.id());
        }
        if (!permanent) {
            return retry(f);
        }
        // The server refused the recipient: a bounce at once, which makes the contact do-not-contact.
        return Attempt.finished(DeliveryState.FAILED, f.smtpCode() >= 500 ? DeliveryStatus.BOUNCED_HARD : DeliveryStatus.FAILED, f.getMessage(), to);
    }

    /** Another try: soon when Cassandra failed at the gate (the server had no part in it), else after the backoff. */
    private static Attempt retry(SmtpMailer.SendFailure f) {
        return f.kind() == SmtpMailer.SendFailure.Kind.STORE ? Attempt.retrySoon(f.getMessage()) : Attempt.retry(f.getMessage());
    }

    private static Attempt skipped(String why) {
        return Attempt.finished(DeliveryState.SKIPPED, DeliveryStatus.SUPPRESSED, why, null);
    }
}
