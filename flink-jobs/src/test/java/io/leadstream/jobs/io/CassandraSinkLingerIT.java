package io.leadstream.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.leadstream.common.config.CassandraOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.sink.cassandra.CassandraSink;
import io.leadstream.sink.cassandra.CassandraWriteMapper;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Cassandra sink sends what it holds once its linger is up, not only at a checkpoint or the end
 * of the input: here the job has no checkpoints and its input never ends, yet every row is in
 * Cassandra within seconds, and rows of many partitions (batched by replica) all arrive intact.
 */
@ExtendWith(LeadStreamStackExtension.class)
class CassandraSinkLingerIT {
    private static final int ROWS = 500;

    /** Rows (k, v) into {ks}.linger_rows. */
    private static final class RowWrites implements CassandraWriteMapper<Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public List<String> cqls() {
            return List.of("INSERT INTO {ks}.linger_rows (k, v) VALUES (?, ?)");
        }

        @Override
        public void write(List<PreparedStatement> prepared, Long element, Consumer<Statement<?>> out) {
            out.accept(prepared.get(0).bind("row-" + element, element));
        }
    }

    @Test
    void rowsArriveWithinTheLingerWithoutACheckpointOrTheEndOfTheInput(TestNamespace ns) throws Exception {
        LeadStreamConfig config = ns.config().with(CassandraOptions.SINK_LINGER, Duration.ofMillis(50));
        try (CqlSession session = ns.stack().cassandra().newSession()) {
            session.execute("CREATE TABLE " + ns.keyspace() + ".linger_rows (k text PRIMARY KEY, v bigint)");
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            env.fromSequence(1, ROWS)
                    .map(i -> {
                        if (i == ROWS) {
                            Thread.sleep(Duration.ofMinutes(5).toMillis()); // the input does not end: only the linger can send the rows
                        }
                        return i;
                    }).returns(Long.class)
                    .sinkTo(new CassandraSink<>(config, new RowWrites())).disableChaining();
            JobID job = ns.stack().flink().submit(env, "cassandra-sink-linger");
            try {
                long count = 0;
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (count < ROWS - 1 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    count = session.execute("SELECT count(*) FROM " + ns.keyspace() + ".linger_rows").one().getLong(0);
                }
                assertThat(count).isEqualTo(ROWS - 1);
                assertThat(session.execute("SELECT v FROM " + ns.keyspace() + ".linger_rows WHERE k = 'row-17'").one().getLong(0))
                        .isEqualTo(17L);
                assertThat(ns.stack().flink().status(job).isTerminalState()).isFalse();
            } finally {
                ns.stack().flink().cancel(job);
            }
        }
    }
}
