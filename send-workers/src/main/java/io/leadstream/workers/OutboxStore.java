package io.leadstream.workers;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.leadstream.common.config.CassandraOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.email.EmailDefinition;
import io.leadstream.store.cassandra.CassandraSessionFactory;
import io.leadstream.store.cassandra.table.ContactMarketingSendsTable;
import io.leadstream.store.cassandra.table.DefinitionsTable;
import io.leadstream.store.cassandra.table.MarketingSendsTable;
import io.leadstream.store.cassandra.table.OutboxScanCursorsTable;
import io.leadstream.store.cassandra.table.OutboxStateTable;
import io.leadstream.store.cassandra.table.OutboxTable;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The send workers' view of Cassandra: outbox rows, their delivery state, email definitions and the
 * contact fields emails are rendered with.
 *
 * <p>Kafka gives each send-commands partition to one worker process, but while it moves a partition
 * two processes can hold the same command. So a worker changes a message's state only by a
 * lightweight transaction from the row as it read it ({@link Transition}): the first of two to
 * claim, retry or close it wins, and the other reads again. The one plain write is the outcome of a
 * message whose claim its worker won: nobody else writes that row until the claim is
 * {@code worker.commit-timeout} old, and the outcome's state and time are columns no transaction
 * wrote before it (a plain write's timestamp is the client's, a transaction's the coordinator's:
 * on one column, clocks that disagree could let the earlier value win).
 */
public class OutboxStore implements AutoCloseable {
    static final Duration EMAIL_CACHE = Duration.ofSeconds(10);
    /** Reads of a committing mark whose transaction's answer was lost, each up to the driver's timeout. */
    static final int MARK_READS = 3;

    private record CachedEmail(EmailDefinition email, long readAt) {}

    /**
     * One change of a message's state: an insert if the message had no row when read, else an
     * update if the row's version (state, attempts, committing mark) is still the one read. Null
     * values are left unset on an insert (no tombstones) and cleared on an update.
     */
    private static final class Transition {
        private final PreparedStatement fresh;
        private final PreparedStatement again;

        Transition(CqlSession session, String ks, String... columns) {
            fresh = session.prepare(OutboxStateTable.insertColumnsIfNotExists(columns).replace("{ks}", ks));
            again = session.prepare(OutboxStateTable.updateColumnsByCommandIdIfUnchanged(columns).replace("{ks}", ks));
        }

        /** Whether the change was made: false when another worker changed the row since {@code seen} was read. */
        boolean apply(CqlSession session, String commandId, DeliveryState seen, Object... values) {
            List<Object> bound = new ArrayList<>();
            if (seen == null) {
                bound.add(commandId);
                bound.addAll(Arrays.asList(values));
                return session.execute(unsetNulls(fresh.bind(bound.toArray()))).wasApplied();
            }
            bound.addAll(Arrays.asList(values));
            bound.addAll(Arrays.asList(commandId, seen.state(), seen.attempts(), seen.committingAt()));
            return session.execute(again.bind(bound.toArray())).wasApplied();
        }
    }

    private final Map<String, CachedEmail> emails = new ConcurrentHashMap<>();
    private final CqlSession session;
    private final String keyspace;
    private final RecipientReads recipients;
    private final PreparedStatement due;
    private final PreparedStatement states;
    private final PreparedStatement mark;
    private final Transition commit;
    private final Transition claim;
    private final Transition retry;
    private final Transition close;
    private final PreparedStatement finish;
    private final PreparedStatement file;
    private final PreparedStatement email;
    private final PreparedStatement reserve;
    private final PreparedStatement release;
    private final PreparedStatement recent;
    private final PreparedStatement recordSend;
    private final PreparedStatement cursor;
    private final PreparedStatement saveCursor;
    private final DefinitionReads definitions;

    public OutboxStore(LeadStreamConfig config) {
        this.session = CassandraSessionFactory.open(config);
        String ks = config.get(CassandraOptions.KEYSPACE);
        this.keyspace = ks;
        this.recipients = new RecipientReads(session, ks);
        this.definitions = new DefinitionReads(session, ks, EMAIL_CACHE);
        due = session.prepare(OutboxTable.SELECT_BY_BUCKET_IN_AND_SHARD_DUE_BETWEEN.replace("{ks}", ks));
        file = session.prepare(OutboxTable.INSERT.replace("{ks}", ks));
        states = session.prepare(OutboxStateTable.SELECT_BY_COMMAND_ID_IN.replace("{ks}", ks));
        // SERIAL: a transaction left in progress (its answer lost) is finished, or known never to apply, before this read.
        mark = session.prepare(SimpleStatement.newInstance(OutboxStateTable.SELECT_WORKER_ATTEMPTS_COMMITTING_AT_BY_COMMAND_ID.replace("{ks}", ks))
                .setConsistencyLevel(DefaultConsistencyLevel.SERIAL));
        commit = new Transition(session, ks, "worker", "attempts", "committing_at");
        claim = new Transition(session, ks, "worker", "attempts", "retry_at");
        retry = new Transition(session, ks, "worker", "attempts", "retry_at", "detail", "committing_at");
        close = new Transition(session, ks, "state", "worker", "attempts", "sent_at", "detail");
        finish = session.prepare(OutboxStateTable.UPDATE_STATE_SENT_AT_DETAIL_BY_COMMAND_ID.replace("{ks}", ks));
        email = session.prepare(DefinitionsTable.SELECT_EMAIL_BY_ID.replace("{ks}", ks));
        recent = session.prepare(ContactMarketingSendsTable.COUNT_BY_CONTACT_ID_SENT_AFTER.replace("{ks}", ks));
        recordSend = session.prepare(ContactMarketingSendsTable.INSERT_USING_TTL.replace("{ks}", ks));
        reserve = session.prepare(MarketingSendsTable.INSERT.replace("{ks}", ks));
        cursor = session.prepare(OutboxScanCursorsTable.SELECT_BY_SEND_PARTITIONS_AND_SEND_PARTITION.replace("{ks}", ks));
        saveCursor = session.prepare(OutboxScanCursorsTable.INSERT.replace("{ks}", ks));
        release = session.prepare(MarketingSendsTable.DELETE_BY_CONTACT_ID_AND_EMAIL_ID.replace("{ks}", ks));
    }

    /**
     * The messages of the buckets' shard due from {@code since} to {@code now}, each bucket's in due
     * order: one request for many minutes (a partition taken with no scan cursor is read a whole
     * worker.lookback back, mostly empty minutes).
     */
    public List<OutboxMessage> due(List<Instant> buckets, int shard, Instant since, Instant now) {
        return session.execute(due.bind(buckets, shard, since, now)).all().stream().map(OutboxTable.Row::from).map(r -> new OutboxMessage(r.due(),
                r.commandId(), r.channel(), r.contactId(), r.emailId(), r.transactional(), r.campaignId(), r.campaignEventId(), r.webhookUrl(),
                r.attributes())).toList();
    }

    /**
     * Files the message in the outbox as due at {@code at}, where the scan finds it then: for a
     * command a worker leaves to the scan, whose row the engine may not have written (its Kafka
     * record can be read before the engine's Cassandra write lands, or without it after a failure).
     */
    public void file(OutboxMessage m, Instant at) {
        Instant due = at.truncatedTo(ChronoUnit.MILLIS);
        session.execute(unsetNulls(file.bind(new OutboxTable.Row(due, m.commandId(), m.channel(), m.contactId(), m.emailId(), m.transactional(),
                m.campaignId(), m.campaignEventId(), m.webhookUrl(), m.attributes()).values())));
    }

    /** An insert writes no tombstone for a value it does not have. */
    private static BoundStatement unsetNulls(BoundStatement b) {
        for (int i = 0; i < b.size(); i++) {
            if (b.isNull(i)) {
                b = b.unset(i);
            }
        }
        return b;
    }

    /** The states of these messages; a message with none was never tried. */
    public Map<String, DeliveryState> states(List<String> commandIds) {
        Map<String, DeliveryState> out = new HashMap<>();
        InQueries.each(session, states, commandIds, row -> {
            OutboxStateTable.Row r = OutboxStateTable.Row.from(row);
            out.put(r.commandId(), new DeliveryState(r.state(), r.worker(), r.attempts(), r.retryAt(), r.committingAt()));
        });
        return out;
    }

    /** The recipients of these contacts, a few queries for them all. */
    Map<String, Recipient> recipients(List<String> contactIds) {
        return contactIds.isEmpty() ? Map.of() : recipients.read(contactIds);
    }

    /**
     * Claims an email for its final dot: marks it committing (from now on it is never sent again),
     * if its row is still as {@code seen} (null: none). False: another worker changed it first.
     */
    public boolean commit(String commandId, DeliveryState seen, String worker, int attempt, Instant at) {
        try {
            return commit.apply(session, commandId, seen, worker, attempt, at);
        } catch (DriverException unknown) {
            // A timeout leaves the transaction's outcome unknown: it may have applied. A mark nobody knows
            // is this worker's would later read as a worker that died after the dot: unconfirmed, never sent.
            return carriesMark(commandId, worker, attempt, at, unknown);
        }
    }

    /**
     * Whether the row carries this worker's committing mark, read after a transaction whose answer was
     * lost; asked {@link #MARK_READS} times, then the transaction's failure is thrown.
     */
    boolean carriesMark(String commandId, String worker, int attempt, Instant at, DriverException unknown) {
        for (int i = 0; i < MARK_READS; i++) {
            try {
                Row r = session.execute(mark.bind(commandId)).one();
                return r != null && worker.equals(r.getString("worker")) && r.getInt("attempts") == attempt
                        && at.equals(r.getInstant("committing_at"));
            } catch (DriverException again) {
                unknown.addSuppressed(again);
            }
        }
        throw unknown;
    }

    /** Claims a webhook call until {@code until}: if its worker dies, the call is made again after that. */
    public boolean claim(String commandId, DeliveryState seen, String worker, int attempt, Instant until) {
        return claim.apply(session, commandId, seen, worker, attempt, until);
    }

    /** Records a failed attempt (and takes a committing mark back); the message is tried again from {@code at}. */
    public boolean retryAt(String commandId, DeliveryState seen, String worker, int attempts, Instant at, String detail) {
        return retry.apply(session, commandId, seen, worker, attempts, at, detail, null);
    }

    /** Records the outcome of a message this worker did not claim: skipped, failed before the dot, dead, unconfirmed. */
    public boolean close(String commandId, DeliveryState seen, String worker, int attempts, String outcome, Instant at, String detail) {
        return close.apply(session, commandId, seen, outcome, worker, attempts, at, detail);
    }

    /** Records the outcome of a message this worker claimed. */
    public void finish(String commandId, String outcome, Instant at, String detail) {
        BoundStatement b = finish.bind(outcome, at, detail, commandId);
        session.execute(detail == null ? b.unset("detail") : b); // a bound null would write a tombstone per sent message
    }

    /** Reserves (contact, marketing email) for the send, so no later send of that email goes to the contact. */
    public void reserveMarketing(String contactId, String emailId, String commandId) {
        session.execute(reserve.bind(contactId, emailId, commandId));
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

    /** The minute the scan of a send-commands partition's contacts last stood at (every message due before it is done), or null. */
    public Instant scanCursor(int partition, int partitions) {
        Row r = session.execute(cursor.bind(partitions, partition)).one();
        return r == null ? null : r.getInstant("done_to");
    }

    /** Records where the partition's scan stands, for the process Kafka gives the partition to next. */
    public void saveScanCursor(int partition, int partitions, Instant doneTo) {
        session.execute(saveCursor.bind(partitions, partition, doneTo));
    }

    /** Webhook ordering and health, on this store's session. */
    /** The definitions email tokens read, cached as the emails are. */
    DefinitionReads definitions() {
        return definitions;
    }

    /** Which email of its family each send renders (one per process: its caches are shared by the send threads). */
    EmailChoices choices(java.time.Clock clock) {
        return new EmailChoices(this, new EmailFamilies(definitions), new AbTestWinners(session, keyspace, clock), new ContactBlockFacts(session, keyspace));
    }

    WebhookStore webhooks() {
        return new WebhookStore(session, keyspace, this);
    }

    /** Who an address belongs to, on this store's session: for the bounce mailbox. */
    AddressOwners addressOwners() {
        return new AddressOwners(session, keyspace);
    }

    /** Whether the driver sees a Cassandra node up. */
    boolean reachable() {
        return CassandraSessionFactory.anyNodeUp(session);
    }

    @Override
    public void close() {
        session.close();
    }
}
