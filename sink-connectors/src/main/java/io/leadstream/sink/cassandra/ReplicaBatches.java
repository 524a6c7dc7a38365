package io.leadstream.sink.cassandra;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Writes grouped into unlogged batches by the replicas that own them: most of Cassandra's CPU per
 * small write is the request (decoding, dispatch, the answer's flush), not the mutation, so writes
 * that one coordinator applies locally anyway cost one request together. Token-aware routing sends
 * each batch to those replicas, so no node forwards another's rows (the reason to avoid
 * multi-partition batches on a cluster where partitions land on different nodes). On one node every
 * write shares one replica set.
 *
 * <p>A batch holds at most {@code maxStatements} statements and {@code maxBytes}, well below
 * Cassandra's default batch_size_fail_threshold (50 KiB). A batch has one write timestamp, so writes
 * carrying different ones ({@code setQueryTimestamp}) are not grouped: a mapper that needs several
 * in one batch binds them as {@code USING TIMESTAMP ?}.
 */
final class ReplicaBatches {
    /** Bytes of one batch at most. */
    static final int MAX_BYTES = 32 * 1024;

    private final Function<Statement<?>, Object> replicasOf;
    private final ToIntFunction<Statement<?>> sizeOf;
    private final int maxStatements;

    /**
     * {@code replicasOf}: what identifies the nodes owning a statement's partition (null when unknown:
     * the statement goes alone); {@code sizeOf}: its size in a request.
     */
    ReplicaBatches(Function<Statement<?>, Object> replicasOf, ToIntFunction<Statement<?>> sizeOf, int maxStatements) {
        this.replicasOf = replicasOf;
        this.sizeOf = sizeOf;
        this.maxStatements = maxStatements;
    }

    List<Statement<?>> of(List<Statement<?>> writes) {
        if (writes.size() < 2 || maxStatements < 2) {
            return writes;
        }
        Map<Group, Open> open = new LinkedHashMap<>();
        List<Statement<?>> out = new ArrayList<>(writes.size());
        for (Statement<?> write : writes) {
            Object replicas = write.getRoutingKey() == null ? null : replicasOf.apply(write);
            if (replicas == null || !(write instanceof BatchableStatement<?> batchable)) {
                out.add(write);
                continue;
            }
            Group group = new Group(replicas, write.getQueryTimestamp());
            int size = sizeOf.applyAsInt(write);
            Open batch = open.get(group);
            if (batch != null && (batch.members.size() >= maxStatements || batch.bytes + size > MAX_BYTES)) {
                out.add(batch.statement(group.timestamp()));
                batch = null;
            }
            if (batch == null) {
                batch = new Open();
                open.put(group, batch);
            }
            batch.members.add(batchable);
            batch.bytes += size;
        }
        open.forEach((group, batch) -> out.add(batch.statement(group.timestamp())));
        return out;
    }

    private static final class Open {
        final List<BatchableStatement<?>> members = new ArrayList<>();
        int bytes;

        Statement<?> statement(long timestamp) {
            if (members.size() == 1) {
                return members.get(0);
            }
            BatchStatement batch = BatchStatement.newInstance(BatchType.UNLOGGED, members).setQueryTimestamp(timestamp);
            // Every member is an upsert the sink may replay (CassandraWriteMapper's contract), and so is the batch.
            return batch.setIdempotent(members.stream().allMatch(m -> !Boolean.FALSE.equals(m.isIdempotent())));
        }
    }

    private record Group(Object replicas, long timestamp) {}
}
