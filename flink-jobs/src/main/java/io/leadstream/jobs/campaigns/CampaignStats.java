package io.leadstream.jobs.campaigns;

import io.leadstream.schemas.codec.TrustedRecords;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Counts log entries per (campaign, event, outcome), keyed by {@link CampaignOutcomeDelta#key}, and
 * emits the running total: counted in checkpointed state rather than by Cassandra counters, so a
 * replay after a failure restores the count and never adds twice.
 */
public final class CampaignStats extends KeyedProcessFunction<String, CampaignOutcomeDelta, CampaignEventCount> {
    static {
        TrustedRecords.install(); // Avro records in Flink's serializers
    }

    private transient ValueState<Long> count;
    private transient ValueState<Long> version;

    @Override
    public void open(OpenContext openContext) {
        count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        version = getRuntimeContext().getState(new ValueStateDescriptor<>("version", Types.LONG));
    }

    @Override
    public void processElement(CampaignOutcomeDelta d, Context ctx, Collector<CampaignEventCount> out) throws Exception {
        Long c = count.value();
        long next = (c == null ? 0 : c) + d.delta;
        Long v = version.value();
        long nextVersion = (v == null ? (c == null ? 0 : c) : v) + 1; // state from before versions: start past the old count timestamps
        count.update(next);
        version.update(nextVersion);
        out.collect(new CampaignEventCount(d.campaignId, d.eventId, d.outcome, next, nextVersion));
    }
}
