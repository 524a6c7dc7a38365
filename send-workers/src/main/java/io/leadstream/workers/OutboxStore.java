package io.leadstream.workers;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
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
 * The send workers' view of Cassandra: due outbox rows, their delivery state (plain writes: only the
 * process holding a message's shard writes it, see {@link ShardLeases}), email definitions and the
 * contact fields emails are rendered with.
 */
public final class OutboxStore implements AutoCloseable {
    static final Duration EMAIL_CACHE = Duration.ofSeconds(10);

    private record CachedEmail(EmailDefinition email, long readAt) {}

    private final Map<String, CachedEmail> emails = new ConcurrentHashMap<>();
    private final CqlSession session;
    private final String keyspace;
    private final RecipientReads recipients;
    private final PreparedStatement due;
    private final PreparedStatement states;
    private final PreparedStatement committing;
    private final PreparedStatement notCommitting;
    private final PreparedStatement finish;
    private final PreparedStatement retry;
    private final PreparedStatement email;
    private final PreparedStatement reserve;
    private final PreparedStatement release;
    private final PreparedStatement recent;
    private final PreparedStatement recordSend;
    private final PreparedStatement cursor;
    private final PreparedStatement saveCursor;

    public OutboxStore(LeadStreamConfig config) {
        this.session = CassandraSessionFactory.open(config);
        String ks = config.get(CassandraOptions.KEYSPACE);
        this.keyspace = ks;
        this.recipients = new RecipientReads(session, ks);
        due = session.prepare("SELECT bucket, shard, due, command_id, channel, contact_id, email_id, transactional, campaign_id, campaign_event_id,"
                + " webhook_url, attributes FROM " + ks
                + ".outbox WHERE bucket = ? AND shard = ? AND due >= ? AND due <= ?");
        states = session.prepare("SELECT command_id, state, worker, attempts, retry_at, committing_at FROM " + ks
                + ".outbox_state WHERE command_id IN ?");
        committing = session.prepare("UPDATE " + ks + ".outbox_state SET state = 'claimed', worker = ?, attempts = ?, committing_at = ?"
                + " WHERE command_id = ?");
        notCommitting = session.prepare("UPDATE " + ks + ".outbox_state SET committing_at = null WHERE command_id = ?");
        finish = session.prepare("UPDATE " + ks + ".outbox_state SET state = ?, worker = ?, attempts = ?, sent_at = ?, detail = ? WHERE command_id = ?");
        retry = session.prepare("UPDATE " + ks + ".outbox_state SET state = 'claimed', worker = ?, attempts = ?, retry_at = ?, detail = ?,"
                + " committing_at = null WHERE command_id = ?");
        email = session.prepare("SELECT document FROM " + ks + ".definitions WHERE kind = 'emails' AND id = ?");
        recent = session.prepare("SELECT count(*) FROM " + ks + ".contact_marketing_sends WHERE contact_id = ? AND sent_at > ?");
        recordSend = session.prepare("INSERT INTO " + ks + ".contact_marketing_sends (contact_id, sent_at, command_id) VALUES (?, ?, ?) USING TTL ?");
        reserve = session.prepare("INSERT INTO " + ks + ".marketing_sends (contact_id, email_id, command_id) VALUES (?, ?, ?)");
        cursor = session.prepare("SELECT done_to FROM " + ks + ".outbox_cursors WHERE shard = ?");
        saveCursor = session.prepare("INSERT INTO " + ks + ".outbox_cursors (shard, done_to) VALUES (?, ?)");
        release = session.prepare("DELETE FROM " + ks + ".marketing_sends WHERE contact_id = ? AND email_id = ?");
    }

    public List<OutboxMessage> due(Instant bucket, int shard, Instant now) {
        return due(bucket, shard, bucket, now);
    }

    /** The bucket's messages due from {@code since} to {@code now}. */
    public List<OutboxMessage> due(Instant bucket, int shard, Instant since, Instant now) {
        return session.execute(due.bind(bucket, shard, since, now)).all().stream().map(r -> new OutboxMessage(r.getInstant("bucket"), r.getInt("shard"),
                r.getInstant("due"), r.getString("command_id"), r.getString("channel"), r.getString("contact_id"), r.getString("email_id"),
                r.getBoolean("transactional"), r.getString("campaign_id"), r.getString("campaign_event_id"), r.getString("webhook_url"),
                r.getMap("attributes", String.class, String.class))).toList();
    }

    /** The states of these messages; a message with none was never tried. */
    public Map<String, DeliveryState> states(List<String> commandIds) {
        Map<String, DeliveryState> out = new HashMap<>();
        InQueries.each(session, states, commandIds, r -> out.put(r.getString("command_id"), new DeliveryState(r.getString("state"),
                r.getString("worker"), r.getInt("attempts"), r.getInstant("retry_at"), r.getInstant("committing_at"))));
        return out;
    }

    /** The recipients of these contacts, a few queries for them all. */
    Map<String, Recipient> recipients(List<String> contactIds) {
        return contactIds.isEmpty() ? Map.of() : recipients.read(contactIds);
    }

    /**
     * Marks the message as about to be committed to the SMTP server (from now on it is never sent
     * again) and, for a marketing email ({@code marketingEmailId} not null), reserves (contact, email)
     * for it, so no later send of that email goes to the contact. One request: an unlogged batch.
     */
    public void committing(OutboxMessage m, String worker, int attempt, Instant at, String marketingEmailId) {
        BoundStatement mark = committing.bind(worker, attempt, at, m.commandId());
        session.execute(marketingEmailId == null ? mark : BatchStatement.newInstance(DefaultBatchType.UNLOGGED, mark,
                reserve.bind(m.contactId(), marketingEmailId, m.commandId())));
    }

    /** Takes the mark back: the final dot did not go after all. */
    public void notCommitting(String commandId) {
        session.execute(notCommitting.bind(commandId));
    }

    /** Records the outcome. */
    public void finish(String commandId, String worker, int attempts, String outcome, Instant at, String detail) {
        BoundStatement b = finish.bind(outcome, worker, attempts, at, detail, commandId);
        session.execute(detail == null ? b.unset("detail") : b); // a bound null would write a tombstone per sent message
    }

    /** Records a failed attempt; the message is tried again from {@code at}. */
    public void retryAt(String commandId, String worker, int attempts, Instant at, String detail) {
        session.execute(retry.bind(worker, attempts, at, detail, commandId));
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

    /** Marketing emails sent to the contact after {@code since}. */
    public long marketingSendsSince(String contactId, Instant since) {
        return session.execute(recent.bind(contactId, since)).one().getLong(0);
    }

    /** Gives (contact, email) back when the send that reserved it did not go after all, so a later one may. */
    public void releaseMarketing(String contactId, String emailId) {
        session.execute(release.bind(contactId, emailId));
    }

    /** Counts a marketing email for the frequency cap, for {@code ttlSeconds}. */
    public void recordMarketingSend(String contactId, Instant at, String commandId, int ttlSeconds) {
        session.execute(recordSend.bind(contactId, at, commandId, ttlSeconds));
    }

    /** The minute the shard's scan last stood at (every message due before it is done), or null. */
    public Instant scanCursor(int shard) {
        Row r = session.execute(cursor.bind(shard)).one();
        return r == null ? null : r.getInstant("done_to");
    }

    /** Records where the shard's scan stands, for the process that holds the shard next. */
    public void saveScanCursor(int shard, Instant doneTo) {
        session.execute(saveCursor.bind(shard, doneTo));
    }

    /** Webhook ordering and health, on this store's session. */
    WebhookStore webhooks() {
        return new WebhookStore(session, keyspace, this);
    }

    /** Shard leases and the roll of worker processes, on this store's session. */
    LeaseStore leases() {
        return new CassandraLeaseStore(session, keyspace);
    }

    @Override
    public void close() {
        session.close();
    }
}
