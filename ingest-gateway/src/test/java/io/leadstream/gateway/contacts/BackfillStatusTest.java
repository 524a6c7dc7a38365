package io.leadstream.gateway.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.gateway.contacts.SegmentStore.BackfillPart;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackfillStatusTest {
    private static final Instant T = Instant.parse("2026-11-24T01:00:00Z");

    @Test
    void theNewestRevisionIsShownAndDoneOnlyWhenEverySubtaskFinishedIt() {
        List<BackfillPart> reports = List.of(
                new BackfillPart(0, 7, 2, 400_000, T, null),
                new BackfillPart(1, 5, 2, 900, T.minusSeconds(60), T.minusSeconds(59)));
        JsonObject running = BackfillStatus.of("hot", reports).toJson();
        assertThat(running.getLong("revision")).isEqualTo(7);
        assertThat(running.getBoolean("done")).isFalse();
        assertThat(running.getInteger("subtasksReported")).as("subtask 1 still shows revision 5").isEqualTo(1);
        assertThat(running.getLong("contacts")).isEqualTo(400_000);
        assertThat(running.getValue("millis")).isNull();

        JsonObject done = BackfillStatus.of("hot", List.of(
                new BackfillPart(0, 7, 2, 500_000, T, T.plusMillis(4_000)),
                new BackfillPart(1, 7, 2, 499_000, T.plusMillis(10), T.plusMillis(4_500)))).toJson();
        assertThat(done.getBoolean("done")).isTrue();
        assertThat(done.getLong("contacts")).isEqualTo(999_000);
        assertThat(done.getLong("millis")).isEqualTo(4_500);
        assertThat(BackfillStatus.of("hot", List.of())).isNull();
    }
}
