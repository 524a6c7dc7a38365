package io.leadstream.jobs.campaigns;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.leadstream.schemas.engine.CampaignLogEntry;
import io.leadstream.sink.cassandra.CassandraWriteMapper;
import java.util.List;
import java.util.function.Consumer;

/** A campaign log entry → its row of {@code campaign_log}; the key holds all it says, so a replay writes the same row. */
public final class CampaignLogWrites implements CassandraWriteMapper<CampaignLogEntry> {
    private static final long serialVersionUID = 1L;

    @Override
    public List<String> cqls() {
        return List.of("INSERT INTO {ks}.campaign_log (contact_id, campaign_id, at, event_id, outcome, rotation, scheduled_for, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    }

    @Override
    public void write(List<PreparedStatement> prepared, CampaignLogEntry e, Consumer<Statement<?>> out) {
        out.accept(CassandraWriteMapper.bindPresent(prepared.get(0), e.getContactId(), e.getCampaignId(), e.getEventTime(),
                e.getCampaignEventId(), e.getOutcome().name(), e.getRotation(), e.getScheduledFor(), e.getDetail()));
    }
}
