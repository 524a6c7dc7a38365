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
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

/**
 * Writes asynchronously with a bounded number of requests in flight (back-pressure instead of
 * unbounded memory). A failed write fails the job on the next call, so Flink restarts from the
 * last checkpoint and nothing is silently dropped.
 */
final class CassandraSinkWriter<T> implements SinkWriter<T> {
    private final CassandraWriteMapper<T> mapper;
    private final int maxInFlight;
    private final Semaphore permits;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final LeadStreamConfig config;
    private final CqlSession session;
    private final List<PreparedStatement> statements;
    private final Counter written;

    CassandraSinkWriter(LeadStreamConfig config, CassandraWriteMapper<T> mapper, SinkWriterMetricGroup metrics) {
        this.mapper = mapper;
        this.maxInFlight = config.get(CassandraOptions.MAX_IN_FLIGHT);
        this.permits = new Semaphore(maxInFlight);
        this.config = config;
        this.session = SharedSessions.acquire(config);
        String keyspace = config.get(CassandraOptions.KEYSPACE);
        this.statements = mapper.cqls().stream().map(cql -> session.prepare(cql.replace("{ks}", keyspace))).toList();
        this.written = metrics.getNumRecordsSendCounter();
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        checkFailure();
        List<Statement<?>> writes = new ArrayList<>(2);
        mapper.write(statements, element, writes::add);
        for (Statement<?> statement : writes) {
            permits.acquire();
            session.executeAsync(statement).whenComplete((rs, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
                permits.release();
            });
        }
        written.inc();
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
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
    public void close() throws Exception {
        SharedSessions.release(config);
    }
}
