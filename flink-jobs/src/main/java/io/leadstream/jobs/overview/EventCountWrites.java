package io.leadstream.jobs.overview;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.leadstream.sink.cassandra.CassandraWriteMapper;
import io.leadstream.store.cassandra.table.EventCountsTable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;

/** A minute's count in one shard → its row of {@code event_counts}, timestamped by the count: a late firing's larger total wins whatever the order. */
public final class EventCountWrites implements CassandraWriteMapper<MinuteCount> {
    private static final long serialVersionUID = 1L;

    @Override
    public List<String> cqls() {
        return List.of(EventCountsTable.INSERT);
    }

    @Override
    public void write(List<PreparedStatement> prepared, MinuteCount c, Consumer<Statement<?>> out) {
        Instant minute = Instant.ofEpochMilli(c.minute);
        out.accept(CassandraWriteMapper.bind(prepared.get(0),
                new EventCountsTable.Row(LocalDate.ofInstant(minute, ZoneOffset.UTC), minute, c.shard, c.events).values(c.events)));
    }
}
