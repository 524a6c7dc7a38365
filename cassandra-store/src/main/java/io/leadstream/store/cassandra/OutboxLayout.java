package io.leadstream.store.cassandra;

import java.nio.charset.StandardCharsets;
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
