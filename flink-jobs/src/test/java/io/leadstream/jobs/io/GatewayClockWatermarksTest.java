package io.leadstream.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class GatewayClockWatermarksTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<Long> emitted = new ArrayList<>();
    private final WatermarkOutput output = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    };

    private long emit(GatewayClockWatermarks generator) {
        generator.onPeriodicEmit(output);
        return emitted.get(emitted.size() - 1);
    }

    @Test
    void trailsTheHighestEventTimeByTheBound() {
        GatewayClockWatermarks generator = new GatewayClockWatermarks(Duration.ofMillis(200), false, now::get);
        generator.onEvent(null, 5_000, output);
        generator.onEvent(null, 4_000, output);
        assertThat(emit(generator)).isEqualTo(4_799);
        now.addAndGet(60_000);
        assertThat(emit(generator)).as("without the clock a quiet partition stays put").isEqualTo(4_799);
    }

    @Test
    void followsTheWallClockTwoBoundsBehindWhenQuiet() {
        GatewayClockWatermarks generator = new GatewayClockWatermarks(Duration.ofMillis(200), true, now::get);
        assertThat(emit(generator)).as("no events yet: the clock alone").isEqualTo(999_600);
        generator.onEvent(null, 1_000_000, output);
        assertThat(emit(generator)).as("an event stamped now is not released yet").isLessThan(1_000_000);
        now.set(1_000_400);
        assertThat(emit(generator)).as("400 ms later it is").isEqualTo(1_000_000);
        generator.onEvent(null, 2_000_000, output);
        assertThat(emit(generator)).as("a gateway clock ahead of ours: event time leads").isEqualTo(1_999_799);
    }
}
