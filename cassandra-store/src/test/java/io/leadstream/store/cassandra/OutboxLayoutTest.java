package io.leadstream.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Where the engine files a send: its due minute, unless it is written too late for the workers' scan. */
class OutboxLayoutTest {
    private static final Instant NOW = Instant.parse("2026-11-24T12:07:30Z");

    @Test
    void aSendWrittenInTimeIsFiledUnderItsDueTime() {
        Instant due = NOW.minus(OutboxLayout.LATE);
        assertThat(OutboxLayout.filedDue(due, NOW)).isEqualTo(due);
        assertThat(OutboxLayout.filedDue(NOW.plus(Duration.ofDays(1)), NOW)).as("scheduled ahead").isEqualTo(NOW.plus(Duration.ofDays(1)));
    }

    @Test
    void aSendWrittenLateIsFiledUnderItsWriteTimeInTheMinuteTheWorkersScanNow() {
        Instant due = NOW.minus(Duration.ofMinutes(7));
        assertThat(OutboxLayout.filedDue(due, NOW)).isEqualTo(NOW);
        assertThat(OutboxLayout.bucket(OutboxLayout.filedDue(due, NOW))).isEqualTo(Instant.parse("2026-11-24T12:07:00Z"));
        assertThat(OutboxLayout.filedDue(NOW.minus(OutboxLayout.LATE).minusMillis(1), NOW)).isEqualTo(NOW);
    }
}
