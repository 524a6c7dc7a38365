package io.leadstream.sink.cassandra;

import io.leadstream.common.config.LeadStreamConfig;
import java.io.IOException;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

/** Writes each element at once; a checkpoint completes only after every write before it has. */
final class CassandraSinkWriter<T> implements SinkWriter<T> {
    private final CassandraWrites<T> writes;
    private final Counter written;

    CassandraSinkWriter(LeadStreamConfig config, CassandraWriteMapper<T> mapper, SinkWriterMetricGroup metrics) {
        this.writes = new CassandraWrites<>(config, mapper);
        this.written = metrics.getNumRecordsSendCounter();
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        writes.write(element);
        written.inc();
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        writes.flush();
    }

    @Override
    public void close() {
        writes.close();
    }
}
