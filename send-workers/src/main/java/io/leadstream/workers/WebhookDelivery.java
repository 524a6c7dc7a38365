package io.leadstream.workers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.schemas.engine.DeliveryStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Calls a campaign's, a form's or a global webhook for one claimed message: a JSON body with the
 * contact's fields (and a form's results, or the event a global webhook subscribed to), signed
 * ({@link WebhookSignature}), with the send id in {@code X-LeadStream-Delivery} so a receiver can
 * drop a repeat (webhooks are at least once: no HTTP call has SMTP's final dot, so the worker claims
 * the call for {@code worker.commit-timeout} before it and another calls again after that if it
 * died, see {@link SendWorker}). A 2xx is delivered;
 * anything else is retried with the worker's backoff. A URL that keeps failing is disabled, and
 * then its messages fail at once.
 */
final class WebhookDelivery {
    static final String DELIVERY_HEADER = "X-LeadStream-Delivery";
    /** A batch's events, as the engine collected them (a JSON array). */
    static final String EVENTS = "events";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookStore hooks;
    private final HttpClient http;
    private final Clock clock;
    private final WebhookSignature signature;
    private final Duration timeout;
    private final Duration disableAfter;
    private final int disableFailures;
    private final Duration lookback;

    private final WebhookDisabledNotice notice;

    WebhookDelivery(LeadStreamConfig config, WebhookStore hooks, HttpClient http, Clock clock, WebhookDisabledNotice notice) {
        this.notice = notice;
        this.hooks = hooks;
        this.http = http;
        this.clock = clock;
        String secret = config.get(WorkerOptions.WEBHOOK_SECRET);
        this.signature = secret.isBlank() ? null : new WebhookSignature(secret);
        this.timeout = config.get(WorkerOptions.WEBHOOK_TIMEOUT);
        this.disableAfter = config.get(WorkerOptions.WEBHOOK_DISABLE_AFTER);
        this.disableFailures = config.get(WorkerOptions.WEBHOOK_DISABLE_FAILURES);
        this.lookback = config.get(WorkerOptions.LOOKBACK);
    }

    Attempt deliver(OutboxMessage m, Recipient recipient) {
        String url = m.webhookUrl();
        if (signature == null) {
            return Attempt.finished(DeliveryState.FAILED, DeliveryStatus.FAILED, "worker.webhook-secret is not set: webhook calls are always signed", null);
        }
        WebhookStore.Health health = hooks.health(url);
        if (health != null && health.disabledAt() != null) {
            return Attempt.finished(DeliveryState.FAILED, DeliveryStatus.DISABLED, "webhook " + url + " disabled at " + health.disabledAt(), null);
        }
        Instant now = clock.instant();
        String body = m.attributes() != null && m.attributes().containsKey(EVENTS) ? batchPayload(m, now) : payload(m, recipient.fields(), now);
        String error;
        try {
            HttpResponse<Void> response = http.send(request(m, url, body, now), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                if (health != null) {
                    hooks.succeeded(url);
                }
                hooks.logCall(m, now, "SENT", "HTTP " + response.statusCode());
                return Attempt.finished(DeliveryState.SENT, DeliveryStatus.SENT, "HTTP " + response.statusCode(), null);
            }
            error = "HTTP " + response.statusCode();
        } catch (IOException | IllegalArgumentException e) {
            error = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        WebhookStore.Health after = hooks.failed(url, now, error);
        if (after.failures() >= disableFailures && !after.failingSince().plus(disableAfter).isAfter(now)) {
            hooks.disable(url, now);
            String why = "webhook " + url + " disabled: " + after.failures() + " failures since " + after.failingSince() + ", the last " + error;
            hooks.logCall(m, now, "DISABLED", why);
            notice.disabled(url, after.failures(), after.failingSince(), error, now);
            return Attempt.finished(DeliveryState.FAILED, DeliveryStatus.DISABLED, why, null);
        }
        hooks.logCall(m, now, "RETRY", error);
        return Attempt.retry(error);
    }

    /** Whether an earlier webhook of the same contact is still to go: this one waits, unclaimed. */
    boolean waiting(OutboxMessage m) {
        return hooks.earlierPending(m, clock.instant(), lookback);
    }

    private HttpRequest request(OutboxMessage m, String url, String body, Instant now) {
        Map<String, String> attributes = m.attributes() == null ? Map.of() : m.attributes();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(DELIVERY_HEADER, m.commandId())
                .method(attributes.getOrDefault("method", "POST"), HttpRequest.BodyPublishers.ofString(body));
        JsonNode headers = parse(attributes.get("headers"));
        for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> h = it.next();
            request.header(h.getKey(), h.getValue().asText());
        }
        // Last, so a campaign's own headers cannot replace the signature.
        return request.setHeader(WebhookSignature.HEADER, signature.header(now.getEpochSecond(), body)).build();
    }

    /**
     * A global webhook's batch (the engine collected its events): each event with its contact's id
     * and fields as they are now, in the order they happened per contact.
     */
    String batchPayload(OutboxMessage m, Instant at) {
        JsonNode events = parse(m.attributes().get(EVENTS));
        List<String> contacts = new ArrayList<>();
        events.forEach(e -> contacts.add(e.path("contact").asText()));
        Map<String, Recipient> recipients = hooks.recipients(List.copyOf(new LinkedHashSet<>(contacts)));
        ObjectNode root = JSON.createObjectNode();
        root.put("id", m.commandId());
        root.put("type", "contact.batch");
        root.put("timestamp", at.toString());
        root.put("webhook", m.attributes().get("webhook"));
        ArrayNode out = root.putArray("events");
        for (JsonNode e : events) {
            String contact = e.path("contact").asText();
            ObjectNode event = out.addObject();
            event.put("id", e.path("id").asText());
            event.put("kind", e.path("kind").asText());
            event.put("time", e.path("time").asText());
            event.put("delivery", e.path("send").asText()); // the id a call of this event alone would have had
            event.set("data", e.path("data"));
            Recipient r = recipients.get(contact);
            putContact(event, contact, r == null ? Map.of() : r.fields());
        }
        return root.toString();
    }

    static String payload(OutboxMessage m, Map<String, String> fields, Instant at) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", m.commandId());
        root.put("type", "campaign.webhook");
        root.put("timestamp", at.toString());
        putContact(root, m.contactId(), fields);
        Map<String, String> attributes = m.attributes() == null ? Map.of() : m.attributes();
        String form = attributes.get("form");
        if (form != null) { // a form's action: what was submitted
            root.put("type", "form.submitted");
            ObjectNode submission = root.putObject("form");
            submission.put("id", form);
            submission.put("submission", attributes.get("submission"));
            submission.set("results", parse(attributes.get("results")));
        }
        String event = attributes.get("event");
        if (event != null) { // a global webhook's: the contact event it subscribed to
            root.put("type", "contact." + event);
            root.put("webhook", attributes.get("webhook"));
            ObjectNode e = root.putObject("event");
            e.put("id", attributes.get("eventId"));
            e.put("kind", event);
            e.put("time", attributes.get("eventTime"));
            e.set("data", parse(attributes.get("data")));
        }
        if (m.campaignId() != null) {
            ObjectNode campaign = root.putObject("campaign");
            campaign.put("id", m.campaignId());
            campaign.put("eventId", m.campaignEventId());
        }
        return root.toString();
    }

    /** {@code "contact": {"id": ..., "fields": {...}}}, as every call's body has it. */
    private static void putContact(ObjectNode parent, String id, Map<String, String> fields) {
        ObjectNode contact = parent.putObject("contact");
        contact.put("id", id);
        ObjectNode f = contact.putObject("fields");
        fields.forEach(f::put);
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }
}
