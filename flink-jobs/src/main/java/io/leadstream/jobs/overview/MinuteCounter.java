package io.leadstream.jobs.overview;

import io.leadstream.schemas.event.TrackingEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Counts the events of each minute on this subtask, chained to the stream it counts: no exchange
 * and no keyed state per event. A subtask writes its own shard of each minute (its index), so the
 * counts of all subtasks add up to the minute's. Counts are cumulative and checkpointed with the
 * source offsets, so a replay writes the same totals again (the larger count wins the row). A
 * minute's count goes out every {@link #EARLY} of event time while it changes, and once it closes;
 * events later than {@link #LATENESS} after their minute are not counted. Counts kept from another
 * subtask before a rescale keep their shard, so a minute is never counted under two.
 */
public final class MinuteCounter extends AbstractStreamOperator<MinuteCount> implements OneInputStreamOperator<TrackingEvent, MinuteCount> {
    private static final long serialVersionUID = 1L;
    static final Duration LATENESS = Duration.ofMinutes(5);
    static final Duration EARLY = Duration.ofSeconds(10);
    private static final long MINUTE = 60_000;

    private transient Map<Slot, Long> counts;
    private transient Set<Slot> changed;
    private transient ListState<MinuteCount> checkpointed;
    private transient long lastEmitted;
    private transient long watermark;

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        counts = new HashMap<>();
        changed = new HashSet<>();
        lastEmitted = Long.MIN_VALUE;
        watermark = Long.MIN_VALUE;
        checkpointed = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("minute-counts", MinuteCount.class));
        for (MinuteCount c : checkpointed.get()) {
            counts.merge(new Slot(c.minute, c.shard), c.events, Long::sum);
        }
    }

    @Override
    public void processElement(StreamRecord<TrackingEvent> record) {
        long minute = Math.floorDiv(record.getValue().getEventTime().toEpochMilli(), MINUTE) * MINUTE;
        if (minute + MINUTE + LATENESS.toMillis() <= watermark) {
            return; // its minute was written for the last time
        }
        Slot key = new Slot(minute, getRuntimeContext().getTaskInfo().getIndexOfThisSubtask());
        counts.merge(key, 1L, Long::sum);
        changed.add(key);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = mark.getTimestamp();
        boolean closed = changed.stream().anyMatch(k -> k.minute + MINUTE <= watermark);
        if (!changed.isEmpty() && (closed || watermark >= lastEmitted + EARLY.toMillis())) {
            for (Slot k : changed) {
                output.collect(new StreamRecord<>(new MinuteCount(k.minute, k.shard, counts.get(k))));
            }
            changed.clear();
            lastEmitted = watermark;
        }
        counts.keySet().removeIf(k -> k.minute + MINUTE + LATENESS.toMillis() <= watermark);
        super.processWatermark(mark);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        checkpointed.update(counts.entrySet().stream().map(e -> new MinuteCount(e.getKey().minute, e.getKey().shard, e.getValue())).toList());
    }

    private record Slot(long minute, int shard) {}
}
