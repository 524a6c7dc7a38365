package io.leadstream.sink.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReplicaBatchesTest {
    /** Two "nodes": keys starting with a-m live on one, the rest on the other. */
    private static final ReplicaBatches TWO_NODES = new ReplicaBatches(
            s -> StandardCharsets.UTF_8.decode(s.getRoutingKey().duplicate()).toString().charAt(0) <= 'm' ? "node-1" : "node-2",
            s -> 100, 32);

    private static SimpleStatement write(String cql, String key) {
        return SimpleStatement.newInstance(cql).setRoutingKey(ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void writesOwnedByTheSameReplicasGoAsOneUnloggedBatchWhateverTheirPartitions() {
        SimpleStatement timeline = write("timeline", "contact-1");
        SimpleStatement device = write("device", "device-1");
        SimpleStatement other = write("other", "x-contact");
        SimpleStatement seen = write("seen", "contact-2");

        List<Statement<?>> out = TWO_NODES.of(List.of(timeline, device, other, seen));

        assertThat(out).hasSize(2);
        BatchStatement batch = (BatchStatement) out.get(0);
        assertThat(batch.getBatchType()).isEqualTo(BatchType.UNLOGGED);
        assertThat(batch).containsExactly(timeline, device, seen);
        assertThat(out.get(1)).isSameAs(other);
    }

    @Test
    void writesWithTheirOwnTimestampsAreNotBatchedTogetherBecauseABatchHasOne() {
        SimpleStatement newest = write("newest", "contact-1").setQueryTimestamp(2_000);
        SimpleStatement earliest = write("earliest", "contact-1").setQueryTimestamp(-2_000);
        SimpleStatement alsoNewest = write("also newest", "contact-1").setQueryTimestamp(2_000);

        List<Statement<?>> out = TWO_NODES.of(List.of(newest, earliest, alsoNewest));

        assertThat(out).hasSize(2);
        BatchStatement batch = (BatchStatement) out.get(0);
        assertThat(batch.getQueryTimestamp()).isEqualTo(2_000);
        assertThat(batch).containsExactly(newest, alsoNewest);
        assertThat(out.get(1)).isSameAs(earliest);
    }

    @Test
    void aLargeGroupIsSplitIntoBatchesOfAtMostMaxStatements() {
        List<Statement<?>> writes = IntStream.range(0, 32 * 2 + 1).<Statement<?>>mapToObj(i -> write("row " + i, "contact-" + i)).toList();

        List<Statement<?>> out = TWO_NODES.of(writes);

        assertThat(out).hasSize(3);
        assertThat((BatchStatement) out.get(0)).hasSize(32);
        assertThat((BatchStatement) out.get(1)).hasSize(32);
        assertThat(out.get(2)).isSameAs(writes.get(writes.size() - 1));
    }

    @Test
    void aBatchStaysUnderTheByteLimit() {
        ReplicaBatches big = new ReplicaBatches(s -> "node", s -> ReplicaBatches.MAX_BYTES / 3 + 1, 32);
        List<Statement<?>> writes = IntStream.range(0, 5).<Statement<?>>mapToObj(i -> write("row " + i, "c" + i)).toList();

        List<Statement<?>> out = big.of(writes);

        assertThat(out).hasSize(3);
        assertThat((BatchStatement) out.get(0)).hasSize(2);
        assertThat((BatchStatement) out.get(1)).hasSize(2);
        assertThat(out.get(2)).isSameAs(writes.get(4));
    }

    @Test
    void aWriteWithoutARoutingKeyOrKnownReplicasGoesAlone() {
        ReplicaBatches unknownForZ = new ReplicaBatches(s -> StandardCharsets.UTF_8.decode(s.getRoutingKey().duplicate()).toString()
                .startsWith("z") ? null : "node", s -> 10, 32);
        SimpleStatement unrouted = SimpleStatement.newInstance("no key");
        SimpleStatement unknown = write("unknown", "z");
        SimpleStatement a = write("a", "k");
        SimpleStatement b = write("b", "l");

        List<Statement<?>> out = unknownForZ.of(List.of(unrouted, unknown, a, b));

        assertThat(out).hasSize(3);
        assertThat(out.get(0)).isSameAs(unrouted);
        assertThat(out.get(1)).isSameAs(unknown);
        assertThat((BatchStatement) out.get(2)).containsExactly(a, b);
    }

    @Test
    void oneStatementPerBatchLeavesEveryWriteAlone() {
        List<Statement<?>> writes = List.of(write("a", "k"), write("b", "k"));

        assertThat(new ReplicaBatches(s -> "node", s -> 10, 1).of(writes)).isEqualTo(writes);
    }
}
