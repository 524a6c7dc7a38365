package io.leadstream.jobs.campaigns;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.leadstream.schemas.engine.CampaignLogEntry;
import io.leadstream.sink.cassandra.CassandraWriteMapper;
import io.leadstream.store.cassandra.table.CampaignLogTable;
import java.util.List;
import java.util.function.Consumer;

/** A campaign log entry → its row of {@code campaign_log}; the key holds all it says, so a replay writes the same row. */
public final class CampaignLogWrites implements CassandraWriteMapper<CampaignLogEntry> {
    private static final long serialVersionUID = 1L;

    @Override
    public List<String> cqls() {
        return List.of(CampaignLogTable.INSERT);
    }

    @Override
    public void write(List<PreparedStatement> prepared, CampaignLogEntry e, Consumer<Statement<?>> out) {
        out.accept(CassandraWriteMapper.bindPresent(prepared.get(0), new CampaignLogTable.Row(e.getContactId(), e.getCampaignId(), e.getEventTime(),
                e.getCampaignEventId(), e.getOutcome().name(), e.getRotation(), e.getScheduledFor(), e.getDetail()).values()));
    }
}
