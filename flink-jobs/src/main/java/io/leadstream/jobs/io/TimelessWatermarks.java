package io.leadstream.jobs.io;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Definitions and commands given by hand have no event time to wait for. A stage that joins them with
 * events takes the smaller of its inputs' watermarks, so this side declares itself idle: it neither
 * holds the events' time back nor moves it (a "no limit" watermark would, once the events go idle
 * too, fire every timer up to the end of time: a seven-day wait, a midnight for ever).
 */
public final class TimelessWatermarks {
    private TimelessWatermarks() {}

    public static <T> WatermarkStrategy<T> strategy() {
        return WatermarkStrategy.forGenerator(ctx -> new WatermarkGenerator<T>() {
            @Override
            public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.markIdle();
            }
        });
    }
}
