package io.leadstream.jobs.campaigns;

import io.leadstream.schemas.engine.CampaignLogEntry;
import io.leadstream.schemas.codec.TrustedRecords;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Counts log entries per (campaign, event, outcome), keyed by {@link #key}, and emits the running
 * total: counted in checkpointed state rather than by Cassandra counters, so a replay after a
 * failure restores the count and never adds twice.
 */
public final class CampaignStats extends KeyedProcessFunction<String, CampaignLogEntry, CampaignEventCount> {
    static {
        TrustedRecords.install(); // Avro records in Flink's serializers
    }

    private transient ValueState<Long> count;

    public static String key(CampaignLogEntry e) {
        return e.getCampaignId() + "\u001f" + e.getCampaignEventId() + "\u001f" + e.getOutcome().name();
    }

    @Override
    public void open(OpenContext openContext) {
        count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
    }

    @Override
    public void processElement(CampaignLogEntry e, Context ctx, Collector<CampaignEventCount> out) throws Exception {
        Long c = count.value();
        long next = c == null ? 1 : c + 1;
        count.update(next);
        out.collect(new CampaignEventCount(e.getCampaignId(), e.getCampaignEventId(), e.getOutcome().name(), next));
    }
}
