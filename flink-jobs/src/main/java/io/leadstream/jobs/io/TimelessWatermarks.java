package io.leadstream.jobs.io;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Definitions and commands given by hand have no event time to wait for. A stage that joins them with events takes the smaller of its
 * inputs' watermarks, so this side declares "no time limit" and never holds back event-time timers.
 */
public final class TimelessWatermarks {
    private TimelessWatermarks() {}

    public static <T> WatermarkStrategy<T> strategy() {
        return WatermarkStrategy.forGenerator(ctx -> new WatermarkGenerator<T>() {
            @Override
            public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                // Not Long.MAX_VALUE: that is end-of-input, which fires every timer downstream.
                output.emitWatermark(new Watermark(Long.MAX_VALUE - 1));
            }
        });
    }
}
