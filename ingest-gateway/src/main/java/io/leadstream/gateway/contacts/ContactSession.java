package io.leadstream.gateway.contacts;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.common.config.CassandraOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.store.cassandra.CassandraSessionFactory;
import io.leadstream.store.cassandra.table.ContactAliasesTable;
import io.leadstream.store.cassandra.table.ContactFieldsTable;
import io.leadstream.store.cassandra.table.ContactMergedIdsTable;
import io.leadstream.store.cassandra.table.ContactProfilesTable;
import io.leadstream.store.cassandra.table.ContactTimelineTable;
import io.leadstream.store.cassandra.table.ContactsByIdentifierTable;
import io.leadstream.store.cassandra.table.ContactsTable;
import io.leadstream.store.cassandra.table.SegmentBackfillsTable;
import io.leadstream.store.cassandra.table.SegmentMembersTable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contacts store's Cassandra session, opened on first use in the background, with its reads
 * prepared. While Cassandra is unreachable every call fails with the same
 * {@link ContactStore.StoreUnavailableException} for {@link #RETRY_INTERVAL}, then tries again.
 */
final class ContactSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ContactSession.class);
    /** After a failed connection, calls fail with the same reason for this long before a new attempt. */
    static final Duration RETRY_INTERVAL = Duration.ofSeconds(5);

    private final LeadStreamConfig config;
    private final String keyspace;
    private final Object lock = new Object();
    private CompletableFuture<CqlSession> session;
    private CompletableFuture<ContactStatements> ready;
    /** Statements prepared on first use by the stores' less frequent reads and writes (stats, exports, erasures). */
    private final Map<String, CompletableFuture<PreparedStatement>> adHoc = new ConcurrentHashMap<>();
    private long attemptNanos;
    private boolean closed;

    ContactSession(LeadStreamConfig config) {
        this.config = config;
        this.keyspace = config.get(CassandraOptions.KEYSPACE);
    }


    /** Every row of a statement ({@code {ks}} stands for the keyspace, as in schema.cql), prepared once, all pages. */
    CompletionStage<List<Row>> rows(String cql, Object... values) {
        return statement(cql).thenCompose(ps -> AsyncRows.rows(ps.session, ps.statement.bind(values)));
    }

    /** Runs a write ({@code {ks}} as in {@link #rows}). */
    CompletionStage<Void> execute(String cql, Object... values) {
        return statement(cql).thenCompose(ps -> ps.session.executeAsync(ps.statement.bind(values))).thenApply(rs -> null);
    }

    /** Runs a conditional write (IF ...): whether it was applied. */
    CompletionStage<Boolean> applied(String cql, Object... values) {
        return statement(cql).thenCompose(ps -> ps.session.executeAsync(ps.statement.bind(values))).thenApply(rs -> rs.wasApplied());
    }

    private record Prepared(CqlSession session, PreparedStatement statement) {}

    private CompletionStage<Prepared> statement(String cql) {
        return ready().thenCompose(st -> adHoc.computeIfAbsent(cql, q -> st.session().prepareAsync(q.replace("{ks}", keyspace))
                        .toCompletableFuture().whenComplete((ps, e) -> {
                            if (e != null) {
                                adHoc.remove(q); // e.g. the schema is not there yet: prepared again next time
                            }
                        }))
                .thenApply(ps -> new Prepared(st.session(), ps)));
    }

    /**
     * The session with its statements prepared. Opens the session on first use; after a failure,
     * answers that failure until {@link #RETRY_INTERVAL} has passed, then tries again (a session
     * that connected is kept: only the statements are prepared again, e.g. once the schema exists).
     */
    CompletionStage<ContactStatements> ready() {
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new ContactStore.StoreUnavailableException("the gateway is shutting down", null));
            }
            CompletableFuture<ContactStatements> current = ready;
            if (current != null && (!current.isCompletedExceptionally()
                    || System.nanoTime() - attemptNanos < RETRY_INTERVAL.toNanos())) {
                return current;
            }
            attemptNanos = System.nanoTime();
            if (session == null || session.isCompletedExceptionally()) {
                session = openSession();
            }
            ready = session.thenCompose(this::prepare).toCompletableFuture()
                    .exceptionallyCompose(e -> CompletableFuture.failedFuture(unavailable(e)));
            return ready;
        }
    }

    private CompletableFuture<CqlSession> openSession() {
        String contactPoints = config.get(CassandraOptions.CONTACT_POINTS);
        LOG.info("Contacts API: connecting to Cassandra at {} (keyspace {})", contactPoints, keyspace);
        // Off the caller's thread: building the driver context resolves hosts and loads its config.
        CompletableFuture<CqlSession> opening = CompletableFuture
                .supplyAsync(() -> CassandraSessionFactory.openAsync(config))
                .thenCompose(stage -> stage);
        return opening.whenComplete((s, e) -> {
            if (e != null) {
                LOG.warn("Contacts API: Cassandra at {} is unavailable: {}", contactPoints, reason(e));
            } else {
                LOG.info("Contacts API: connected to Cassandra at {}", contactPoints);
            }
        });
    }

    private CompletionStage<ContactStatements> prepare(CqlSession s) {
        CompletableFuture<PreparedStatement> alias = prepare(s, ContactAliasesTable.SELECT_BY_ALIAS_ID);
        CompletableFuture<PreparedStatement> mergedIds = prepare(s, ContactMergedIdsTable.SELECT_BY_TARGET_ID);
        CompletableFuture<PreparedStatement> fields = prepare(s, ContactFieldsTable.SELECT_BY_CONTACT_ID);
        CompletableFuture<PreparedStatement> contact = prepare(s, ContactsTable.SELECT_BY_CONTACT_ID);
        CompletableFuture<PreparedStatement> profile = prepare(s, ContactProfilesTable.SELECT_BY_CONTACT_ID);
        CompletableFuture<PreparedStatement> timeline = prepare(s, ContactTimelineTable.SELECT_BY_CONTACT_ID);
        CompletableFuture<PreparedStatement> byIdentifier = prepare(s, ContactsByIdentifierTable.SELECT_CONTACT_ID_BY_FIELD_AND_VALUE);
        CompletableFuture<PreparedStatement> members = prepare(s, SegmentMembersTable.SELECT_BY_SEGMENT_ID_AFTER);
        CompletableFuture<PreparedStatement> backfills = prepare(s, SegmentBackfillsTable.SELECT_BY_SEGMENT_ID);
        return CompletableFuture.allOf(alias, mergedIds, fields, contact, profile, timeline, byIdentifier, members, backfills)
                .thenApply(v -> new ContactStatements(s, alias.join(), mergedIds.join(), fields.join(), contact.join(), profile.join(), timeline.join(),
                        byIdentifier.join(), members.join(), backfills.join()))
                .whenComplete((st, e) -> {
                    if (e != null) {
                        LOG.warn("Contacts API: cannot prepare reads in keyspace {}: {}", keyspace, reason(e));
                    }
                });
    }

    private CompletableFuture<PreparedStatement> prepare(CqlSession s, String cql) {
        return s.prepareAsync(cql.replace("{ks}", keyspace)).toCompletableFuture();
    }

    private static ContactStore.StoreUnavailableException unavailable(Throwable e) {
        Throwable cause = unwrap(e);
        return cause instanceof ContactStore.StoreUnavailableException u ? u
                : new ContactStore.StoreUnavailableException("Cassandra unavailable: " + reason(cause), cause);
    }

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** A one-line reason: the driver's messages can list every node's error. */
    static String reason(Throwable e) {
        Throwable t = unwrap(e);
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        message = message.replaceAll("\\s+", " ").strip();
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }

    @Override
    public void close() {
        CompletableFuture<CqlSession> s;
        synchronized (lock) {
            closed = true;
            s = session;
        }
        if (s == null) {
            return;
        }
        if (!s.isDone()) {
            s.thenAccept(CqlSession::closeAsync); // still connecting: close whatever it opens
            return;
        }
        if (!s.isCompletedExceptionally()) {
            try {
                s.join().closeAsync().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("Closing the contacts Cassandra session: {}", reason(e));
            }
        }
    }
}
