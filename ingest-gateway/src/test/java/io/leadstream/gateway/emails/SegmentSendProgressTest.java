package io.leadstream.gateway.emails;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The progress document: the record's fields as stored, a state from the clock, and what is pending. */
class SegmentSendProgressTest {
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void pendingIsWhatWasQueuedAndNotYetDoneNeverBelowZero() {
        assertThat(new SegmentSendProgress.Counts(10, 6, 1, 1).pending()).isEqualTo(2);
        assertThat(new SegmentSendProgress.Counts(3, 3, 1, 0).pending()).as("a worker's count written before the engine's").isZero();
        assertThat(SegmentSendProgress.Counts.from(null)).isEqualTo(SegmentSendProgress.Counts.NONE);
    }

    @Test
    void theStateFollowsSendAtAndClosedAt() {
        SegmentSendRecord now = SegmentSendRecord.started("news", NOW, SegmentSendOptions.NOW);
        SegmentSendRecord later = SegmentSendRecord.started("news", NOW, new SegmentSendOptions(NOW.plusSeconds(60), null));
        assertThat(SegmentSendProgress.state(now, NOW)).isEqualTo("sending");
        assertThat(SegmentSendProgress.state(later, NOW)).isEqualTo("scheduled");
        assertThat(SegmentSendProgress.state(later, NOW.plusSeconds(61))).isEqualTo("sending");
        assertThat(SegmentSendProgress.state(later.closed(NOW), NOW)).isEqualTo("closed");
    }

    @Test
    void theDocumentKeepsTheRecordsFieldsAndLeavesOutTheAbsentOnes() {
        SegmentSendRecord send = SegmentSendRecord.started("news", NOW, new SegmentSendOptions(NOW.plusSeconds(3600), 50));
        JsonObject doc = SegmentSendProgress.of(send, List.of("a", "b"), new SegmentSendProgress.Counts(10, 6, 1, 1), NOW);
        assertThat(doc).isEqualTo(new JsonObject("""
                {"email": "news", "startedAt": "2026-12-06T10:00:00Z", "sendAt": "2026-12-06T11:00:00Z", "perHour": 50,
                 "segments": ["a", "b"], "state": "scheduled", "queued": 10, "sent": 6, "suppressed": 1, "failed": 1, "pending": 2}"""));
        assertThat(SegmentSendRecord.from(send.closed(NOW).toJson())).as("read back as written").isEqualTo(send.closed(NOW));
        assertThat(SegmentSendRecord.started("news", NOW, SegmentSendOptions.NOW).toJson().fieldNames())
                .containsExactlyInAnyOrder("email", "startedAt");
    }
}
