package io.leadstream.sink.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionBatchesTest {

    private static SimpleStatement write(String cql, String key) {
        return SimpleStatement.newInstance(cql).setRoutingKey(ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void writesToOnePartitionGoAsOneUnloggedBatchAndOthersAlone() {
        SimpleStatement timeline = write("timeline", "contact-1");
        SimpleStatement device = write("device", "device-1");
        SimpleStatement seen = write("seen", "contact-1");
        SimpleStatement first = write("first", "contact-1");

        List<Statement<?>> out = PartitionBatches.of(List.of(timeline, device, seen, first));

        assertThat(out).hasSize(2);
        assertThat(out.get(1)).isSameAs(device);
        BatchStatement batch = (BatchStatement) out.get(0);
        assertThat(batch.getBatchType()).isEqualTo(BatchType.UNLOGGED);
        assertThat(batch).containsExactly(timeline, seen, first);
    }

    @Test
    void writesWithTheirOwnTimestampsAreNotBatchedTogetherBecauseABatchHasOne() {
        SimpleStatement newest = write("newest", "contact-1").setQueryTimestamp(2_000);
        SimpleStatement earliest = write("earliest", "contact-1").setQueryTimestamp(-2_000);
        SimpleStatement alsoNewest = write("also newest", "contact-1").setQueryTimestamp(2_000);

        List<Statement<?>> out = PartitionBatches.of(List.of(newest, earliest, alsoNewest));

        assertThat(out).hasSize(2);
        BatchStatement batch = (BatchStatement) out.get(0);
        assertThat(batch.getQueryTimestamp()).isEqualTo(2_000);
        assertThat(batch).containsExactly(newest, alsoNewest);
        assertThat(out.get(1)).isSameAs(earliest);
    }

    @Test
    void aLargeGroupIsSplitIntoBatchesOfAtMostMaxBatch() {
        List<Statement<?>> writes = java.util.stream.IntStream.range(0, PartitionBatches.MAX_BATCH * 2 + 1)
                .<Statement<?>>mapToObj(i -> write("row " + i, "contact-1")).toList();

        List<Statement<?>> out = PartitionBatches.of(writes);

        assertThat(out).hasSize(3);
        assertThat((BatchStatement) out.get(0)).hasSize(PartitionBatches.MAX_BATCH);
        assertThat((BatchStatement) out.get(1)).hasSize(PartitionBatches.MAX_BATCH);
        assertThat(out.get(2)).isSameAs(writes.get(writes.size() - 1));
    }

    @Test
    void aWriteWithoutARoutingKeyGoesAlone() {
        SimpleStatement unrouted = SimpleStatement.newInstance("no key");
        SimpleStatement a = write("a", "k");
        SimpleStatement b = write("b", "k");

        List<Statement<?>> out = PartitionBatches.of(List.of(unrouted, a, b));

        assertThat(out).hasSize(2).first().isSameAs(unrouted);
        assertThat((BatchStatement) out.get(1)).containsExactly(a, b);
    }
}
