package io.leadstream.jobs.io;

import io.leadstream.schemas.event.TrackingEvent;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks for events the gateway stamped on receipt. Like bounded out-of-orderness, the
 * watermark trails the highest event time by the bound; and, when {@code followClock}, it also
 * advances with the wall clock (two bounds behind: one for disorder, one for the trip through
 * Kafka), because a gateway cannot stamp an event older than its clock. So a quiet partition, or a
 * single event on a quiet site, is released within about twice the bound instead of waiting for
 * the next event. Once every event seen is released, the clock moves the watermark in whole
 * seconds ({@link #QUIET_STEP_MS}): timers fire up to a second late, and a quiet engine is not woken
 * at every watermark interval. Events that arrive behind it (an engine catching up after downtime) are late,
 * and stages handle late events at once, in arrival order.
 */
public final class GatewayClockWatermarks implements WatermarkGenerator<TrackingEvent> {
    /** How far the clock moves a watermark at a time when no event waits for it. */
    static final long QUIET_STEP_MS = 1000;

    private final long bound;
    private final boolean followClock;
    private final LongSupplier clock;
    private long maxTimestamp;

    public GatewayClockWatermarks(Duration bound, boolean followClock, LongSupplier clock) {
        this.bound = bound.toMillis();
        this.followClock = followClock;
        this.clock = clock;
        this.maxTimestamp = Long.MIN_VALUE + this.bound + 1;
    }

    @Override
    public void onEvent(TrackingEvent event, long eventTimestamp, WatermarkOutput output) {
        maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long watermark = maxTimestamp - bound - 1;
        if (followClock) {
            long byClock = clock.getAsLong() - 2 * bound;
            if (byClock >= maxTimestamp) {
                // Every event seen is released: only timers wait on the clock now, and whole seconds are
                // precise enough for them. A watermark that does not advance is not sent on, so a quiet
                // engine wakes its tasks once a second instead of at every interval.
                byClock = Math.max(maxTimestamp, byClock - Math.floorMod(byClock, QUIET_STEP_MS));
            }
            watermark = Math.max(watermark, byClock);
        }
        output.emitWatermark(new Watermark(watermark));
    }
}
