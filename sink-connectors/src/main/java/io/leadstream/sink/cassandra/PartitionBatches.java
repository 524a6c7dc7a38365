package io.leadstream.sink.cassandra;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes grouped into one unlogged batch per partition key value (an element's, or a checkpoint's
 * elements' in a committed sink), at most {@link #MAX_BATCH} statements each: a page hit's timeline
 * row and its contact's row share the contact id, so they cost the server one request, not three
 * (most of Cassandra's CPU per write is the request path, not the mutation). Tables may differ: the
 * server applies writes to one key as one mutation, and token-aware routing sends the batch to its
 * replica. A batch has one write timestamp, so writes carrying different ones ({@code setQueryTimestamp})
 * are not grouped: a mapper that needs several in one batch binds them as {@code USING TIMESTAMP ?}.
 */
final class PartitionBatches {
    private PartitionBatches() {}

    /** Statements of one batch at most: a contact's rows of a whole checkpoint stay far below Cassandra's batch size limits. */
    static final int MAX_BATCH = 32;

    static List<Statement<?>> of(List<Statement<?>> writes) {
        if (writes.size() < 2) {
            return writes;
        }
        Map<Group, List<BatchableStatement<?>>> groups = new LinkedHashMap<>();
        List<Statement<?>> out = new ArrayList<>(writes.size());
        for (Statement<?> write : writes) {
            ByteBuffer key = write.getRoutingKey();
            if (key == null || !(write instanceof BatchableStatement<?> batchable)) {
                out.add(write);
            } else {
                groups.computeIfAbsent(new Group(key, write.getQueryTimestamp()), g -> new ArrayList<>()).add(batchable);
            }
        }
        groups.forEach((group, members) -> {
            for (int from = 0; from < members.size(); from += MAX_BATCH) {
                List<BatchableStatement<?>> part = members.subList(from, Math.min(members.size(), from + MAX_BATCH));
                out.add(part.size() == 1 ? part.get(0) : batch(group.timestamp(), part));
            }
        });
        return out;
    }

    private static Statement<?> batch(long timestamp, List<BatchableStatement<?>> members) {
        BatchStatement batch = BatchStatement.newInstance(BatchType.UNLOGGED, members).setQueryTimestamp(timestamp);
        // Every member is an upsert the sink may replay (CassandraWriteMapper's contract), and so is the batch.
        return batch.setIdempotent(members.stream().allMatch(m -> !Boolean.FALSE.equals(m.isIdempotent())));
    }

    private record Group(ByteBuffer key, long timestamp) {}
}
