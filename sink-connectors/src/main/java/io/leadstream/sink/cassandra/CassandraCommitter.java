package io.leadstream.sink.cassandra;

import io.leadstream.common.config.LeadStreamConfig;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkCommitterMetricGroup;

/**
 * Writes a completed checkpoint's elements. Writes are idempotent upserts ordered by their own
 * write timestamps, so a commit repeated after a failure (Flink retries committables a restored
 * checkpoint still holds) rewrites the same rows.
 */
final class CassandraCommitter<T> implements Committer<List<T>> {
    private final CassandraWrites<T> writes;
    private final Counter written;

    CassandraCommitter(LeadStreamConfig config, CassandraWriteMapper<T> mapper, SinkCommitterMetricGroup metrics) {
        this.writes = new CassandraWrites<>(config, mapper);
        this.written = metrics.getNumCommittablesSuccessCounter();
    }

    @Override
    public void commit(Collection<CommitRequest<List<T>>> requests) throws IOException, InterruptedException {
        for (CommitRequest<List<T>> request : requests) {
            writes.writeAll(request.getCommittable()); // the checkpoint's rows, a batch per replica set
        }
        writes.flush(); // a failure fails the job, which restores and commits again
        written.inc(requests.size());
    }

    @Override
    public void close() {
        writes.close();
    }
}
