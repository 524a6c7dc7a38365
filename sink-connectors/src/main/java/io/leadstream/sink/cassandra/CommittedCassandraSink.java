package io.leadstream.sink.cassandra;

import io.leadstream.common.config.LeadStreamConfig;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A Cassandra sink that writes what a checkpoint holds once the checkpoint is complete
 * (write-ahead): a job that fails and restores never leaves rows of output it then did not make.
 * For views of engine state whose output depends on arrival order (segment memberships, profiles,
 * campaign logs): replayed, such a stage may take a different path to the same state, and rows of
 * the abandoned path would stay. Up to a checkpoint interval behind; in return, with a coalescing
 * key, only the newest element per key of each checkpoint is written.
 */
public final class CommittedCassandraSink<T> implements Sink<T>, SupportsCommitter<List<T>> {
    private static final long serialVersionUID = 1L;

    private final LeadStreamConfig config;
    private final CassandraWriteMapper<T> mapper;
    private final TypeInformation<T> type;
    private final KeySelector<T, String> coalesceBy;

    /** {@code coalesceBy}: elements with the same key in one checkpoint are written once, the newest; null writes every element. */
    public CommittedCassandraSink(LeadStreamConfig config, CassandraWriteMapper<T> mapper, TypeInformation<T> type,
                                  KeySelector<T, String> coalesceBy) {
        this.config = config;
        this.mapper = mapper;
        this.type = type;
        this.coalesceBy = coalesceBy;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new BufferingSinkWriter<>(coalesceBy);
    }

    @Override
    public Committer<List<T>> createCommitter(CommitterInitContext context) throws IOException {
        return new CassandraCommitter<>(config, mapper, context.metricGroup());
    }

    @Override
    public SimpleVersionedSerializer<List<T>> getCommittableSerializer() {
        return new ElementListSerializer<>(type.createSerializer(new SerializerConfigImpl()));
    }
}
