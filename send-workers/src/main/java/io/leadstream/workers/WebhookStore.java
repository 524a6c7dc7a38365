package io.leadstream.workers;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.store.cassandra.table.ContactWebhooksTable;
import io.leadstream.store.cassandra.table.WebhookCallsTable;
import io.leadstream.store.cassandra.table.WebhookHealthTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What webhook delivery reads and keeps in Cassandra: the order of each contact's webhooks
 * ({@code contact_webhooks}), the health of each URL ({@code webhook_health}) and each call made
 * ({@code webhook_calls}). Health is a
 * plain read-then-write: two workers failing at once may count one failure, which only delays
 * disabling by a call.
 */
final class WebhookStore {
    /** A URL's health as last written. */
    record Health(int failures, Instant failingSince, Instant disabledAt) {}

    private final CqlSession session;
    private final OutboxStore outbox;
    private final PreparedStatement earlier;
    private final PreparedStatement health;
    private final PreparedStatement failed;
    private final PreparedStatement disable;
    private final PreparedStatement healthy;
    private final PreparedStatement call;

    WebhookStore(CqlSession session, String ks, OutboxStore outbox) {
        this.session = session;
        this.outbox = outbox;
        earlier = session.prepare(ContactWebhooksTable.SELECT_BY_CONTACT_ID_SINCE_BEFORE.replace("{ks}", ks));
        health = session.prepare(WebhookHealthTable.SELECT_BY_URL.replace("{ks}", ks));
        failed = session.prepare(WebhookHealthTable.UPDATE_FAILURES_FAILING_SINCE_LAST_ERROR_BY_URL.replace("{ks}", ks));
        disable = session.prepare(WebhookHealthTable.UPDATE_DISABLED_AT_BY_URL.replace("{ks}", ks));
        healthy = session.prepare(WebhookHealthTable.DELETE_BY_URL.replace("{ks}", ks));
        call = session.prepare(WebhookCallsTable.INSERT.replace("{ks}", ks));
    }

    /** One call and its outcome (SENT, RETRY, DISABLED), in the URL's delivery log. */
    void logCall(OutboxMessage m, Instant at, String outcome, String detail) {
        String event = m.attributes() == null ? null : m.attributes().get("event");
        session.execute(call.bind(new WebhookCallsTable.Row(m.webhookUrl(), java.time.LocalDate.ofInstant(at, java.time.ZoneOffset.UTC), at,
                m.commandId(), outcome, detail, event, m.contactId()).values()));
    }

    /** The recipients of these contacts (a batch's), a few queries for them all. */
    Map<String, Recipient> recipients(List<String> contactIds) {
        return outbox.recipients(contactIds);
    }

    /** Whether one of the contact's webhooks due before this one (within {@code lookback}) is not done yet. */
    boolean earlierPending(OutboxMessage m, Instant now, Duration lookback) {
        List<String> ids = session.execute(earlier.bind(m.contactId(), now.minus(lookback), m.due(), m.commandId())).all().stream()
                .map(r -> r.getString("command_id")).toList();
        Map<String, DeliveryState> states = outbox.states(ids); // one read for them all, not one per earlier webhook
        return ids.stream().map(states::get).anyMatch(state -> state == null || !state.done());
    }

    /** Null: the URL has not failed since its last success. */
    Health health(String url) {
        Row row = session.execute(health.bind(url)).one();
        if (row == null) {
            return null;
        }
        WebhookHealthTable.Row r = WebhookHealthTable.Row.from(row);
        return new Health(r.failures(), r.failingSince(), r.disabledAt());
    }

    /** Counts a failure; returns the health after it. */
    Health failed(String url, Instant at, String error) {
        Health before = health(url);
        Health after = before == null || before.failingSince() == null ? new Health(1, at, null)
                : new Health(before.failures() + 1, before.failingSince(), before.disabledAt());
        session.execute(failed.bind(after.failures(), after.failingSince(), error, url));
        return after;
    }

    void disable(String url, Instant at) {
        session.execute(disable.bind(at, url));
    }

    /** A success ends a run of failures. */
    void succeeded(String url) {
        session.execute(healthy.bind(url));
    }
}
