package io.leadstream.store.cassandra;

import io.leadstream.common.kafka.KafkaKeys;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Where a command sits in the {@code outbox} table, shared by the engine (which writes) and the send
 * workers (which read): its due minute, and a shard of that minute by the contact, so a busy
 * minute spreads over partitions. The shard is the contact's Kafka partition as if the topic had
 * {@link #SHARDS} partitions: a send worker owning partition p of {@code send-commands} (of n, n
 * dividing 16) finds the outbox rows of its contacts in the shards s with s % n == p, and no other
 * worker reads those shards.
 */
public final class OutboxLayout {
    public static final int SHARDS = 16;

    /**
     * How late a send may be written and still be filed under its due time. The send workers leave
     * a minute once its messages are done (re-reading only the end of the minute before, for a
     * while), so a send written into a minute long gone would wait for a worker restart. Sends come
     * late when the engine catches up: after a restore, a backlog, timers held by the watermark.
     */
    public static final Duration LATE = Duration.ofSeconds(10);

    /** The due time a send is filed under: its own, or when it is written if that is more than {@link #LATE} after it. */
    public static Instant filedDue(Instant due, Instant writtenAt) {
        return due.isBefore(writtenAt.minus(LATE)) ? writtenAt : due;
    }

    private OutboxLayout() {}

    public static Instant bucket(Instant due) {
        return due.truncatedTo(ChronoUnit.MINUTES);
    }

    /** Stable across JVMs and versions, unlike String.hashCode's contract: Kafka's partition of the contact id among {@link #SHARDS}. */
    public static int shard(String contactId) {
        return KafkaKeys.partition(contactId, SHARDS);
    }

    /**
     * The shards holding the contacts of Kafka partition {@code partition} of {@code partitions}:
     * those congruent to it when the partitions divide the shards; every shard otherwise (the
     * reader then keeps the rows whose contact is in the partition).
     */
    public static List<Integer> shardsOf(int partition, int partitions) {
        return IntStream.range(0, SHARDS).filter(s -> SHARDS % partitions != 0 || s % partitions == partition).boxed().toList();
    }
}
