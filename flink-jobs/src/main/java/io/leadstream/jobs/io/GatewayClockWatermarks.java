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
 * the next event. Events that arrive behind it (an engine catching up after downtime) are late,
 * and stages handle late events at once, in arrival order.
 */
public final class GatewayClockWatermarks implements WatermarkGenerator<TrackingEvent> {
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
            watermark = Math.max(watermark, clock.getAsLong() - 2 * bound);
        }
        output.emitWatermark(new Watermark(watermark));
    }
}
