package io.leadstream.jobs.overview;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.jobs.identity.Events;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import io.leadstream.schemas.event.TrackingEvent;
import org.junit.jupiter.api.Test;

class MinuteCounterTest {
    private static final long M = 60_000;
    private static final long T = 1_000 * M; // a minute boundary

    private static OneInputStreamOperatorTestHarness<TrackingEvent, MinuteCount> harness(int subtask) throws Exception {
        return new OneInputStreamOperatorTestHarness<>(new MinuteCounter(), 4, 2, subtask);
    }

    private static void hit(OneInputStreamOperatorTestHarness<TrackingEvent, MinuteCount> h, String id, long time) throws Exception {
        h.processElement(new StreamRecord<>(Events.hit(id, "dev-" + id, time, null), time));
    }

    private static List<String> counts(OneInputStreamOperatorTestHarness<TrackingEvent, MinuteCount> h) {
        List<String> out = h.extractOutputValues().stream().map(c -> (c.minute - T) / M + "/" + c.shard + "=" + c.events).toList();
        h.getOutput().clear();
        return out;
    }

    @Test
    void aMinuteIsWrittenUnderTheSubtasksShardWhileItChangesAndWhenItCloses() throws Exception {
        try (var h = harness(1)) {
            h.open();
            hit(h, "a", T + 1_000);
            hit(h, "b", T + 2_000);
            h.processWatermark(new Watermark(T + 3_000));
            assertThat(counts(h)).as("the running minute, at once").containsExactly("0/1=2");

            hit(h, "c", T + 4_000);
            h.processWatermark(new Watermark(T + 5_000));
            assertThat(counts(h)).as("not again within 10 s of event time").isEmpty();
            h.processWatermark(new Watermark(T + 13_001));
            assertThat(counts(h)).containsExactly("0/1=3");
            h.processWatermark(new Watermark(T + 20_000));
            assertThat(counts(h)).as("nothing changed, nothing written").isEmpty();

            hit(h, "d", T + 30_000);
            hit(h, "e", T + M + 1);
            h.processWatermark(new Watermark(T + M + 2));
            assertThat(counts(h)).as("the closed minute at once, with the next").containsExactlyInAnyOrder("0/1=4", "1/1=1");
        }
    }

    @Test
    void lateEventsCountWithinFiveMinutesAndAreDroppedAfter() throws Exception {
        try (var h = harness(0)) {
            h.open();
            hit(h, "a", T);
            h.processWatermark(new Watermark(T + 3 * M));
            counts(h);
            hit(h, "late", T + 10);
            h.processWatermark(new Watermark(T + 3 * M + 1));
            assertThat(counts(h)).containsExactly("0/0=2");
            h.processWatermark(new Watermark(T + 6 * M));
            hit(h, "too late", T + 20);
            h.processWatermark(new Watermark(T + 6 * M + 1));
            assertThat(counts(h)).isEmpty();
        }
    }

    @Test
    void aRestoredCounterGoesOnFromItsCheckpointedCounts() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(0)) {
            h.open();
            hit(h, "a", T + 1);
            hit(h, "b", T + 2);
            snapshot = h.snapshot(1, T + 3);
            hit(h, "lost with the attempt", T + 4);
        }
        try (var h = harness(0)) {
            h.initializeState(snapshot);
            h.open();
            hit(h, "c", T + 5);
            h.processWatermark(new Watermark(T + M));
            assertThat(counts(h)).containsExactly("0/0=3");
        }
    }
}
