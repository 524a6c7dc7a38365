package io.leadstream.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/**
 * Where the engine files a send: its due minute, unless it is written too late for the workers'
 * scan; its shard, which a send worker finds from the Kafka partition its command went to.
 */
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

    @Test
    void theShardsOfAKafkaPartitionHoldItsContactsAsTheProducerPartitionsThem() {
        for (int partitions : new int[] {1, 2, 4, 8, 16, 3, 12}) {
            for (int i = 0; i < 2_000; i++) {
                String contact = "contact-" + i;
                int partition = BuiltInPartitioner.partitionForKey(contact.getBytes(StandardCharsets.UTF_8), partitions);
                assertThat(OutboxLayout.shardsOf(partition, partitions)).as("%s of %d partitions", contact, partitions)
                        .contains(OutboxLayout.shard(contact));
            }
        }
        assertThat(OutboxLayout.shardsOf(1, 4)).containsExactly(1, 5, 9, 13);
        assertThat(OutboxLayout.shardsOf(1, 3)).as("partitions that do not divide the shards").hasSize(OutboxLayout.SHARDS);
    }
}
