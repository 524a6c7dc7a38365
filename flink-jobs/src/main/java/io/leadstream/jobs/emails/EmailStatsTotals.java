package io.leadstream.jobs.emails;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by scope: sums the changes into the scope's totals and emits them whole, numbered. Counted
 * in checkpointed state rather than by Cassandra counters, so a replay after a failure restores the
 * totals and never adds twice; the number is the write timestamp, so rows landing out of order keep
 * the newest. An email's scope, and a segment's of its send, also count per UTC day of the signal (the open, the click, the
 * delivery result), for its stats over time; a day untouched for {@link #DAYS_KEPT} is forgotten.
 */
public final class EmailStatsTotals extends KeyedProcessFunction<String, EmailStatsDelta, EmailStatsRow> {
    private transient ValueState<EmailCounts> totals;
    private transient ValueState<Long> version;
    private transient MapState<Long, EmailCounts> days;
    static final Duration DAYS_KEPT = Duration.ofDays(400);
    private static final long DAY_MILLIS = 86_400_000L;

    @Override
    public void open(OpenContext openContext) {
        totals = getRuntimeContext().getState(new ValueStateDescriptor<>("totals", EmailCounts.class));
        version = getRuntimeContext().getState(new ValueStateDescriptor<>("version", Types.LONG));
        MapStateDescriptor<Long, EmailCounts> perDay = new MapStateDescriptor<>("days", Types.LONG, TypeInformation.of(EmailCounts.class));
        perDay.enableTimeToLive(StateTtlConfig.newBuilder(DAYS_KEPT).build());
        days = getRuntimeContext().getMapState(perDay);
    }

    @Override
    public void processElement(EmailStatsDelta d, Context ctx, Collector<EmailStatsRow> out) throws Exception {
        EmailCounts was = totals.value();
        EmailCounts now = (was == null ? new EmailCounts() : was).plus(d.counts, 1);
        long v = version.value() == null ? 1 : version.value() + 1;
        totals.update(now);
        version.update(v);
        out.collect(new EmailStatsRow(d, now, v));
        if (d.daily()) {
            long day = Math.floorDiv(ctx.timestamp() == null ? ctx.timerService().currentProcessingTime() : ctx.timestamp(), DAY_MILLIS);
            EmailCounts dayWas = days.get(day);
            EmailCounts dayNow = (dayWas == null ? new EmailCounts() : dayWas).plus(d.counts, 1);
            days.put(day, dayNow);
            out.collect(new EmailStatsRow(d, dayNow, v, day));
        }
    }
}
