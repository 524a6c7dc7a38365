package io.leadstream.workers;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.ids.DeterministicIds;
import io.leadstream.email.RenderedEmail;
import io.leadstream.email.TokenSubstitutor;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emails the addresses of {@code worker.webhook-disabled-notify} when a webhook URL is disabled, so
 * someone hears of it without watching logs. Sent by the worker whose failure disabled the URL, at
 * once and not through the outbox: a notice lost to an SMTP failure is logged, not retried.
 */
final class WebhookDisabledNotice implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDisabledNotice.class);

    private final List<String> to;
    private final String from;
    private final SmtpMailer mailer;

    WebhookDisabledNotice(LeadStreamConfig config) {
        this.to = Arrays.stream(config.get(WorkerOptions.WEBHOOK_DISABLED_NOTIFY).split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList();
        this.from = config.get(WorkerOptions.NOTIFY_FROM);
        this.mailer = to.isEmpty() ? null : new SmtpMailer(config);
    }

    /** Shared by the send threads; a notice is rare, so they take turns on one SMTP connection. */
    synchronized void disabled(String url, int failures, Instant failingSince, String lastError, Instant at) {
        if (mailer == null) {
            return;
        }
        String text = String.join("\n",
                "LeadStream stopped calling the webhook URL " + url + " at " + at + ".",
                "",
                "It failed " + failures + " times in a row since " + failingSince + ". The last failure: " + lastError + ".",
                "Until it is enabled again, the messages for it fail at once (outcome DISABLED).",
                "",
                "The calls made: GET /api/v1/webhooks/{id}/calls. Enable it: POST /api/v1/webhooks/{id}/enable.");
        String html = "<pre>" + TokenSubstitutor.escapeHtml(text) + "</pre>";
        String messageId = "<webhook-disabled-" + DeterministicIds.of(url, at.toString()) + "@leadstream>";
        RenderedEmail notice = new RenderedEmail("Webhook disabled: " + url, html, text, Map.of("Message-ID", messageId));
        for (String address : to) {
            try {
                mailer.send(from, "LeadStream", address, notice, () -> true);
            } catch (SmtpMailer.SendFailure | RuntimeException e) {
                LOG.warn("The notice that webhook {} is disabled did not reach {}: {}", url, address, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        if (mailer != null) {
            mailer.close();
        }
    }
}
