package io.leadstream.jobs.campaigns;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.leadstream.sink.cassandra.CassandraWriteMapper;
import io.leadstream.store.cassandra.table.CampaignEventStatsTable;
import java.util.List;
import java.util.function.Consumer;

/** A running count → its row of {@code campaign_event_stats}, timestamped by its version: writes landing out of order keep the
 * latest, also when a suppressed send lowered the EXECUTED count (a timestamp of the count itself would keep the higher, stale one). */
public final class CampaignStatsWrites implements CassandraWriteMapper<CampaignEventCount> {
    private static final long serialVersionUID = 1L;

    @Override
    public List<String> cqls() {
        return List.of(CampaignEventStatsTable.INSERT);
    }

    @Override
    public void write(List<PreparedStatement> prepared, CampaignEventCount c, Consumer<Statement<?>> out) {
        out.accept(CassandraWriteMapper.bind(prepared.get(0), new CampaignEventStatsTable.Row(c.campaignId, c.eventId, c.outcome, c.count).values(c.version)));
    }
}
