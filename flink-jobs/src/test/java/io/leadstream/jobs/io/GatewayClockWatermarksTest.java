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
        assertThat(emit(generator)).as("no events yet: the clock alone, in whole seconds").isEqualTo(999_000);
        generator.onEvent(null, 1_000_000, output);
        assertThat(emit(generator)).as("an event stamped now is not released yet").isLessThan(1_000_000);
        now.set(1_000_400);
        assertThat(emit(generator)).as("400 ms later it is").isEqualTo(1_000_000);
        generator.onEvent(null, 2_000_000, output);
        assertThat(emit(generator)).as("a gateway clock ahead of ours: event time leads").isEqualTo(1_999_799);
    }

    @Test
    void aQuietPartitionMovesInWholeSecondsButReleasesAnEventAsSoonAsBefore() {
        GatewayClockWatermarks generator = new GatewayClockWatermarks(Duration.ofMillis(50), true, now::get);
        List<Long> quiet = new ArrayList<>();
        for (int i = 0; i < 40; i++) { // two seconds at 50 ms
            now.addAndGet(50);
            quiet.add(emit(generator));
        }
        assertThat(quiet).as("nothing waits: whole seconds only").allMatch(w -> w % 1000 == 0).containsOnly(999_000L, 1_000_000L, 1_001_000L);

        long stamped = now.get() + 7; // 1,002,007: an event on a quiet site
        generator.onEvent(null, stamped, output);
        now.set(stamped + 50);
        assertThat(emit(generator)).as("held for disorder").isLessThan(stamped);
        now.set(stamped + 100);
        assertThat(emit(generator)).as("released two bounds after its stamp, not at the next second").isEqualTo(stamped);
        now.set(stamped + 150);
        assertThat(emit(generator)).as("then whole seconds again, never back").isEqualTo(stamped);
        now.set(1_003_100);
        assertThat(emit(generator)).isEqualTo(1_003_000);
    }

    @Test
    void eventsArrivingLateUnderLoadStillAdvanceWithTheClockToThem() {
        GatewayClockWatermarks generator = new GatewayClockWatermarks(Duration.ofMillis(50), true, now::get);
        now.set(2_000_450);
        generator.onEvent(null, 2_000_300, output); // 150 ms in transit: behind the clock's bound
        assertThat(emit(generator)).as("every event seen released, the clock's second not passed").isEqualTo(2_000_300);
        generator.onEvent(null, 2_000_330, output);
        now.set(2_000_500);
        assertThat(emit(generator)).isEqualTo(2_000_330);
    }
}
