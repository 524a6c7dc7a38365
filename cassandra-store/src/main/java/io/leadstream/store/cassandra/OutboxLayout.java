package io.leadstream.store.cassandra;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.zip.CRC32;

/**
 * Where a command sits in the {@code outbox} table, shared by the engine (which writes) and the send
 * workers (which read): its due minute, and a shard of that minute by the contact, so a busy
 * minute spreads over partitions, workers split the shards between them, and all of one contact's
 * messages are delivered by the one process holding its shard (once per contact and frequency caps
 * then need no cross-worker coordination).
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

    /** Stable across JVMs and versions (CRC-32 of the id), unlike String.hashCode's contract. */
    public static int shard(String contactId) {
        CRC32 crc = new CRC32();
        crc.update(contactId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % SHARDS);
    }
}
