package io.leadstream.jobs.overview;

import io.leadstream.schemas.event.TrackingEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.triggers.ContinuousEventTimeTrigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Events per minute for the dashboard's overview: the contact events the engine stores, counted in
 * one-minute event-time windows per shard of contacts (a minute alone would be one hot key taking
 * every event on one subtask; readers add the shards up), written every {@link #EARLY} of event time while the minute runs
 * and when it ends. Late events (up to {@link #LATENESS}) fire the window again with the new
 * total; the larger count wins the row.
 */
public final class EventCountsStage {
    static final Duration LATENESS = Duration.ofMinutes(5);
    /** The running minute is written this often too, so the overview is not a minute behind. */
    static final Duration EARLY = Duration.ofSeconds(10);
    private static final long MINUTE = 60_000;
    /** More than any parallelism this runs at, so that every subtask gets a share of each minute. */
    static final int SHARDS = 16;

    private EventCountsStage() {}

    public static DataStream<MinuteCount> apply(DataStream<TrackingEvent> stored) {
        return stored
                .map(e -> e.getEventTime().toEpochMilli() / MINUTE * MINUTE * SHARDS + Math.floorMod(java.util.Objects.hashCode(e.getContactId()), SHARDS), Types.LONG)
                .name("event-minutes").uid("event-minutes")
                .keyBy(minuteAndShard -> minuteAndShard, Types.LONG)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                .trigger(ContinuousEventTimeTrigger.of(EARLY))
                .allowedLateness(LATENESS)
                .aggregate(new Count(), new Emit(), Types.LONG, Types.LONG, TypeInformation.of(MinuteCount.class))
                .name("event-counts").uid("event-counts");
    }

    static final class Count implements AggregateFunction<Long, Long, Long> {
        @Override
        public Long createAccumulator() {
            return 0L;
        }

        @Override
        public Long add(Long minute, Long count) {
            return count + 1;
        }

        @Override
        public Long getResult(Long count) {
            return count;
        }

        @Override
        public Long merge(Long a, Long b) {
            return a + b;
        }
    }

    static final class Emit extends ProcessWindowFunction<Long, MinuteCount, Long, TimeWindow> {
        @Override
        public void process(Long minuteAndShard, Context ctx, Iterable<Long> counts, Collector<MinuteCount> out) {
            out.collect(new MinuteCount(minuteAndShard / SHARDS, (int) (minuteAndShard % SHARDS), counts.iterator().next()));
        }
    }
}
