package io.leadstream.sink.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.leadstream.common.config.CassandraOptions;
import io.leadstream.common.config.LeadStreamConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A mapper's writes on the shared session, asynchronous with a bounded number of requests in flight
 * (back-pressure instead of unbounded memory); an element's writes to one partition go as one
 * request ({@link PartitionBatches}). The first failure is kept and thrown by the next call,
 * so a sink fails its job rather than dropping a write.
 */
final class CassandraWrites<T> implements AutoCloseable {
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
        checkFailure();
        List<Statement<?>> writes = new ArrayList<>(4);
        mapper.write(statements, element, writes::add);
        for (Statement<?> statement : PartitionBatches.of(writes)) {
            permits.acquire();
            session.executeAsync(statement).whenComplete((rs, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
                permits.release();
            });
        }
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
