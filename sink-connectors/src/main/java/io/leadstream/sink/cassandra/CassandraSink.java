package io.leadstream.sink.cassandra;

import io.leadstream.common.config.LeadStreamConfig;
import java.io.IOException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Flink Sink V2 that writes to Cassandra with the DataStax driver (the old Flink Cassandra
 * connector does not support Flink 2). At-least-once: each writer flushes its in-flight
 * asynchronous writes before a checkpoint completes; mappers write idempotent upserts, so a
 * replay rewrites the same rows.
 */
public final class CassandraSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    private final LeadStreamConfig config;
    private final CassandraWriteMapper<T> mapper;

    public CassandraSink(LeadStreamConfig config, CassandraWriteMapper<T> mapper) {
        this.config = config;
        this.mapper = mapper;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return new CassandraSinkWriter<>(config, mapper, context);
    }
}
