package io.leadstream.sink.cassandra;

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
 * (back-pressure instead of unbounded memory); an element's writes to one partition go as one
 * request ({@link PartitionBatches}). The first failure is kept and thrown by the next call,
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
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    CassandraWrites(LeadStreamConfig config, CassandraWriteMapper<T> mapper) {
        this.config = config;
        this.mapper = mapper;
        this.session = SharedSessions.acquire(config);
        String keyspace = config.get(CassandraOptions.KEYSPACE);
        this.statements = mapper.cqls().stream().map(cql -> session.prepare(cql.replace("{ks}", keyspace))).toList();
        this.maxInFlight = config.get(CassandraOptions.MAX_IN_FLIGHT);
        this.permits = new Semaphore(maxInFlight);
    }

    /** Issues the element's writes; blocks while too many are in flight. */
    void write(T element) throws IOException, InterruptedException {
        writeAll(List.of(element));
    }

    /** Issues the elements' writes, those to one partition together; blocks while too many are in flight. */
    void writeAll(Collection<T> elements) throws IOException, InterruptedException {
        checkFailure();
        List<Statement<?>> writes = new ArrayList<>(4 * elements.size());
        for (T element : elements) {
            mapper.write(statements, element, writes::add);
        }
        for (Statement<?> statement : PartitionBatches.of(writes)) {
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

    /** Waits until every write issued so far has completed; throws if one failed. */
    void flush() throws IOException, InterruptedException {
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
