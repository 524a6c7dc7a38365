package io.leadstream.jobs.emails;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by scope: sums the changes into the scope's totals and emits them whole, numbered. Counted
 * in checkpointed state rather than by Cassandra counters, so a replay after a failure restores the
 * totals and never adds twice; the number is the write timestamp, so rows landing out of order keep
 * the newest.
 */
public final class EmailStatsTotals extends KeyedProcessFunction<String, EmailStatsDelta, EmailStatsRow> {
    private transient ValueState<EmailCounts> totals;
    private transient ValueState<Long> version;

    @Override
    public void open(OpenContext openContext) {
        totals = getRuntimeContext().getState(new ValueStateDescriptor<>("totals", EmailCounts.class));
        version = getRuntimeContext().getState(new ValueStateDescriptor<>("version", Types.LONG));
    }

    @Override
    public void processElement(EmailStatsDelta d, Context ctx, Collector<EmailStatsRow> out) throws Exception {
        EmailCounts was = totals.value();
        EmailCounts now = (was == null ? new EmailCounts() : was).plus(d.counts, 1);
        long v = version.value() == null ? 1 : version.value() + 1;
        totals.update(now);
        version.update(v);
        out.collect(new EmailStatsRow(d, now, v));
    }
}
