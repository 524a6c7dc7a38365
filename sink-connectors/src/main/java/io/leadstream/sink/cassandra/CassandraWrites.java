package io.leadstream.sink.cassandra;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import io.leadstream.common.config.CassandraOptions;
import io.leadstream.common.config.LeadStreamConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A mapper's writes on the shared session, asynchronous with a bounded number of requests in flight
 * (back-pressure instead of unbounded memory); writes owned by the same replicas go as one
 * request ({@link ReplicaBatches}). The first failure is kept and thrown by the next call,
 * so a sink fails its job rather than dropping a write.
 */
final class CassandraWrites<T> implements AutoCloseable {
    /** Tries of a write the server was too busy for, the pauses between them doubling from BACKOFF_MS (0.2 + 0.4 + ... = 6 s in all). */
    static final int ATTEMPTS = 6;
    private static final long BACKOFF_MS = 200;

    private final LeadStreamConfig config;
    private final CassandraWriteMapper<T> mapper;
    private final CqlSession session;
    private final List<PreparedStatement> statements;
    private final int maxInFlight;
    private final Semaphore permits;
    private final ReplicaBatches batches;
    private final List<Statement<?>> pending = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    CassandraWrites(LeadStreamConfig config, CassandraWriteMapper<T> mapper) {
        this.config = config;
        this.mapper = mapper;
        this.session = SharedSessions.acquire(config);
        String keyspace = config.get(CassandraOptions.KEYSPACE);
        this.statements = mapper.cqls().stream().map(cql -> session.prepare(cql.replace("{ks}", keyspace))).toList();
        this.maxInFlight = config.get(CassandraOptions.MAX_IN_FLIGHT);
        this.permits = new Semaphore(maxInFlight);
        this.batches = new ReplicaBatches(this::replicasOf, s -> s.computeSizeInBytes(session.getContext()),
                config.get(CassandraOptions.BATCH_STATEMENTS));
    }

    /** The nodes owning the statement's partition, as the driver's token map has them (null before it knows: the write goes alone). */
    private Object replicasOf(Statement<?> statement) {
        CqlIdentifier keyspace = statement.getRoutingKeyspace();
        if (keyspace == null) {
            return null;
        }
        return session.getMetadata().getTokenMap().map(tokens -> tokens.getReplicas(keyspace, statement.getRoutingKey()))
                .filter(replicas -> !replicas.isEmpty()).orElse(null);
    }

    /** Issues the elements' writes, those owned by the same replicas together; blocks while too many are in flight. */
    void writeAll(Collection<T> elements) throws IOException, InterruptedException {
        for (T element : elements) {
            add(element);
        }
        send();
    }

    /** Binds the element's writes (its values copied into them) to go with the next {@link #send}. */
    void add(T element) {
        mapper.write(statements, element, pending::add);
    }

    /** Statements bound and not sent yet. */
    int pending() {
        return pending.size();
    }

    /** Issues the writes bound so far; blocks while too many are in flight. */
    void send() throws IOException, InterruptedException {
        checkFailure();
        if (pending.isEmpty()) {
            return;
        }
        List<Statement<?>> writes = new ArrayList<>(pending);
        pending.clear();
        for (Statement<?> statement : batches.of(writes)) {
            permits.acquire();
            execute(statement, 1);
        }
    }

    /**
     * Runs a write; one the server was too busy for is tried again after a pause (every write is an
     * idempotent upsert), so a Cassandra GC pause slows the sink down instead of failing the job,
     * whose restart would replay minutes of work onto the same busy server.
     */
    private void execute(Statement<?> statement, int attempt) {
        session.executeAsync(statement).whenComplete((rs, error) -> {
            if (error != null && attempt < ATTEMPTS && busy(error)) {
                CompletableFuture.delayedExecutor(BACKOFF_MS << (attempt - 1), TimeUnit.MILLISECONDS).execute(() -> execute(statement, attempt + 1));
                return;
            }
            if (error != null) {
                failure.compareAndSet(null, error);
            }
            permits.release();
        });
    }

    private static boolean busy(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof WriteTimeoutException || cause instanceof OverloadedException || cause instanceof DriverTimeoutException;
    }

    /** Sends what is bound and waits until every write issued so far has completed; throws if one failed. */
    void flush() throws IOException, InterruptedException {
        send();
        // Holding every permit means every write issued so far has completed.
        permits.acquire(maxInFlight);
        permits.release(maxInFlight);
        checkFailure();
    }

    private void checkFailure() throws IOException {
        Throwable t = failure.get();
        if (t != null) {
            throw new IOException("Cassandra write failed", t);
        }
    }

    @Override
    public void close() {
        SharedSessions.release(config);
    }
}
