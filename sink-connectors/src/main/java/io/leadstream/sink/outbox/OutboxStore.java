package io.leadstream.sink.outbox;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.common.config.CassandraOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.email.EmailDefinition;
import io.leadstream.store.cassandra.CassandraSessionFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The send workers' view of Cassandra: due outbox rows, their delivery state (changed only by
 * lightweight transactions, so two workers never both own a message), email definitions and the
 * contact fields emails are rendered with.
 */
public final class OutboxStore implements AutoCloseable {
    static final Duration EMAIL_CACHE = Duration.ofSeconds(10);

    private record CachedEmail(EmailDefinition email, long readAt) {}

    private final Map<String, CachedEmail> emails = new ConcurrentHashMap<>();
    private final CqlSession session;
    private final String keyspace;
    private final PreparedStatement due;
    private final PreparedStatement state;
    private final PreparedStatement claim;
    private final PreparedStatement takeOver;
    private final PreparedStatement finish;
    private final PreparedStatement retry;
    private final PreparedStatement commit;
    private final PreparedStatement unconfirmed;
    private final PreparedStatement email;
    private final PreparedStatement fields;
    private final PreparedStatement merged;
    private final PreparedStatement dnc;
    private final PreparedStatement reserve;
    private final PreparedStatement release;
    private final PreparedStatement recent;
    private final PreparedStatement recordSend;

    public OutboxStore(LeadStreamConfig config) {
        this.session = CassandraSessionFactory.open(config);
        String ks = config.get(CassandraOptions.KEYSPACE);
        this.keyspace = ks;
        due = session.prepare("SELECT bucket, shard, due, command_id, channel, contact_id, email_id, transactional, campaign_id, campaign_event_id,"
                + " webhook_url, attributes FROM " + ks
                + ".outbox WHERE bucket = ? AND shard = ? AND due <= ?");
        state = session.prepare("SELECT state, worker, lease_until, attempts, committing_at FROM " + ks + ".outbox_state WHERE command_id = ?");
        claim = session.prepare("INSERT INTO " + ks + ".outbox_state (command_id, state, worker, lease_until, attempts) VALUES (?, 'claimed', ?, ?, 1)"
                + " IF NOT EXISTS");
        takeOver = session.prepare("UPDATE " + ks + ".outbox_state SET worker = ?, lease_until = ?, attempts = ? WHERE command_id = ?"
                + " IF state = 'claimed' AND lease_until = ?");
        finish = session.prepare("UPDATE " + ks + ".outbox_state SET state = ?, sent_at = ?, detail = ? WHERE command_id = ? IF worker = ? AND state = 'claimed'");
        retry = session.prepare("UPDATE " + ks + ".outbox_state SET lease_until = ?, retry_at = ?, detail = ?, committing_at = null"
                + " WHERE command_id = ? IF worker = ? AND state = 'claimed'");
        commit = session.prepare("UPDATE " + ks + ".outbox_state SET committing_at = ?, lease_until = ? WHERE command_id = ? IF worker = ? AND state = 'claimed'");
        unconfirmed = session.prepare("UPDATE " + ks + ".outbox_state SET state = 'unconfirmed', detail = ? WHERE command_id = ?"
                + " IF state = 'claimed' AND lease_until = ?");
        email = session.prepare("SELECT document FROM " + ks + ".definitions WHERE kind = 'emails' AND id = ?");
        fields = session.prepare("SELECT field, value FROM " + ks + ".contact_fields WHERE contact_id = ?");
        merged = session.prepare("SELECT alias_id FROM " + ks + ".contact_merged_ids WHERE target_id = ?");
        dnc = session.prepare("SELECT dnc FROM " + ks + ".contact_dnc WHERE contact_id = ? AND channel = 'email'");
        reserve = session.prepare("INSERT INTO " + ks + ".marketing_sends (contact_id, email_id, command_id) VALUES (?, ?, ?) IF NOT EXISTS");
        recent = session.prepare("SELECT count(*) FROM " + ks + ".contact_marketing_sends WHERE contact_id = ? AND sent_at > ?");
        recordSend = session.prepare("INSERT INTO " + ks + ".contact_marketing_sends (contact_id, sent_at, command_id) VALUES (?, ?, ?) USING TTL ?");
        release = session.prepare("DELETE FROM " + ks + ".marketing_sends WHERE contact_id = ? AND email_id = ? IF command_id = ?");
    }

    public List<OutboxMessage> due(Instant bucket, int shard, Instant now) {
        return session.execute(due.bind(bucket, shard, now)).all().stream().map(r -> new OutboxMessage(r.getInstant("bucket"), r.getInt("shard"),
                r.getInstant("due"), r.getString("command_id"), r.getString("channel"), r.getString("contact_id"), r.getString("email_id"),
                r.getBoolean("transactional"), r.getString("campaign_id"), r.getString("campaign_event_id"), r.getString("webhook_url"),
                r.getMap("attributes", String.class, String.class))).toList();
    }

    /** Null: no worker has claimed it yet. */
    public DeliveryState state(String commandId) {
        Row r = session.execute(state.bind(commandId)).one();
        return r == null ? null : new DeliveryState(r.getString("state"), r.getString("worker"), r.getInstant("lease_until"), r.getInt("attempts"),
                r.getInstant("committing_at"));
    }

    /** The first claim; false when another worker got there first. */
    public boolean claim(String commandId, String worker, Instant leaseUntil) {
        return session.execute(claim.bind(commandId, worker, leaseUntil)).wasApplied();
    }

    /** Takes over a claim whose lease ran out (or was set to a retry time), if nobody changed it since {@code seen}. */
    public boolean takeOver(String commandId, String worker, Instant leaseUntil, DeliveryState seen) {
        return session.execute(takeOver.bind(worker, leaseUntil, seen.attempts() + 1, commandId, seen.leaseUntil())).wasApplied();
    }

    /** Records the outcome, if the claim is still this worker's. */
    public boolean finish(String commandId, String worker, String outcome, Instant at, String detail) {
        return session.execute(finish.bind(outcome, at, detail, commandId, worker)).wasApplied();
    }

    /** Keeps the claim but lets it lapse at {@code at}: then any worker (this one too) tries again. */
    public boolean retryAt(String commandId, String worker, Instant at, String detail) {
        return session.execute(retry.bind(at, at, detail, commandId, worker)).wasApplied();
    }

    /**
     * Marks the message as about to be committed to the SMTP server (and renews the lease for the
     * last round trip), if the claim is still this worker's; false: it is not, so it must not send.
     */
    public boolean commit(String commandId, String worker, Instant at, Instant leaseUntil) {
        return session.execute(commit.bind(at, leaseUntil, commandId, worker)).wasApplied();
    }

    /** Closes a message whose worker died while committing it, unless its claim changed since {@code seen}. */
    public boolean unconfirmed(String commandId, DeliveryState seen, String detail) {
        return session.execute(unconfirmed.bind(detail, commandId, seen.leaseUntil())).wasApplied();
    }

    /** Null when no such email is defined. Read at most every {@link #EMAIL_CACHE}: a changed email reaches the workers within it. */
    public EmailDefinition email(String id) {
        long now = System.nanoTime();
        CachedEmail cached = emails.get(id);
        if (cached != null && now - cached.readAt() < EMAIL_CACHE.toNanos()) {
            return cached.email();
        }
        Row r = session.execute(email.bind(id)).one();
        EmailDefinition read = r == null ? null : EmailDefinition.fromJson(r.getString("document"));
        emails.put(id, new CachedEmail(read, now));
        return read;
    }

    /** The contact and the ids merged into it, its own first: what a send reads fields and do-not-contact from. */
    public List<String> ids(String contactId) {
        List<String> ids = new ArrayList<>(List.of(contactId));
        session.execute(merged.bind(contactId)).forEach(r -> ids.add(r.getString("alias_id")));
        return ids;
    }

    /** Whether any of {@link #ids} is do-not-contact for email. */
    public boolean doNotContact(List<String> ids) {
        for (String id : ids) {
            Row r = session.execute(dnc.bind(id)).one();
            if (r != null && r.getBoolean("dnc")) {
                return true;
            }
        }
        return false;
    }

    /** Reserves (contact, marketing email) for this send; false when another send has it (it went, or is going, already). */
    public boolean reserveMarketing(String contactId, String emailId, String commandId) {
        Row r = session.execute(reserve.bind(contactId, emailId, commandId)).one();
        return r.getBoolean("[applied]") || commandId.equals(r.getString("command_id"));
    }

    /** Gives the pair back when this send did not go after all, so a later one may. */
    public void releaseMarketing(String contactId, String emailId, String commandId) {
        session.execute(release.bind(contactId, emailId, commandId));
    }

    /** Marketing emails sent to the contact after {@code since}. */
    public long marketingSendsSince(String contactId, Instant since) {
        return session.execute(recent.bind(contactId, since)).one().getLong(0);
    }

    /** Counts a marketing email for the frequency cap, for {@code ttlSeconds}. */
    public void recordMarketingSend(String contactId, Instant at, String commandId, int ttlSeconds) {
        session.execute(recordSend.bind(contactId, at, commandId, ttlSeconds));
    }

    /** The fields of {@link #ids}: the contact's own win over those of the ids merged into it. */
    public Map<String, String> fields(List<String> ids) {
        Map<String, String> out = new HashMap<>();
        for (int i = ids.size() - 1; i >= 0; i--) {
            session.execute(fields.bind(ids.get(i))).forEach(r -> out.put(r.getString("field"), r.getString("value")));
        }
        return out;
    }

    /** Webhook ordering and health, on this store's session. */
    WebhookStore webhooks() {
        return new WebhookStore(session, keyspace, this);
    }

    @Override
    public void close() {
        session.close();
    }
}
