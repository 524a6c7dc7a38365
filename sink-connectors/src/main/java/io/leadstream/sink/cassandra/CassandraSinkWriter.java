package io.leadstream.sink.cassandra;

import io.leadstream.common.config.CassandraOptions;
import io.leadstream.common.config.LeadStreamConfig;
import java.io.IOException;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;

/**
 * Writes each element within {@code cassandra.sink.linger}: its writes are bound at once and sent
 * with those of the elements after it, so that one request carries many rows (at 2,000 events a
 * second and 10 ms, about twenty). A checkpoint completes only after every write before it has.
 * The timer is set only while writes wait, so an idle sink costs nothing.
 */
final class CassandraSinkWriter<T> implements SinkWriter<T> {
    private final CassandraWrites<T> writes;
    private final Counter written;
    private final ProcessingTimeService time;
    private final long lingerMs;
    /** Pending statements that are sent without waiting for the timer: enough for several full batches. */
    private final int sendAt;
    private boolean timerSet;

    CassandraSinkWriter(LeadStreamConfig config, CassandraWriteMapper<T> mapper, WriterInitContext context) {
        this.writes = new CassandraWrites<>(config, mapper);
        this.written = context.metricGroup().getNumRecordsSendCounter();
        this.time = context.getProcessingTimeService();
        this.lingerMs = config.get(CassandraOptions.SINK_LINGER).toMillis();
        this.sendAt = 4 * Math.max(1, config.get(CassandraOptions.BATCH_STATEMENTS));
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        writes.add(element);
        written.inc();
        if (lingerMs <= 0 || writes.pending() >= sendAt) {
            writes.send();
        } else if (!timerSet) {
            timerSet = true;
            time.registerTimer(time.getCurrentProcessingTime() + lingerMs, now -> {
                timerSet = false;
                writes.send();
            });
        }
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
