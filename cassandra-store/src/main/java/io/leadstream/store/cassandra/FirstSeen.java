package io.leadstream.store.cassandra;

/**
 * {@code contacts.first_seen} must keep the EARLIEST event time, while writes win by the newest
 * timestamp and arrive in any order. So it is written "backwards": with timestamp {@code BASE - t},
 * larger for earlier t. The price: a delete must carry a timestamp above all of those to shadow it.
 */
public final class FirstSeen {
    /** Above any event time in microseconds. */
    public static final long BASE = 1L << 53;

    private FirstSeen() {}

    /** The write timestamp of first_seen for an event at {@code eventMicros}. */
    public static long writeTimestamp(long eventMicros) {
        return BASE - eventMicros;
    }

    /**
     * The timestamp of a delete that shadows every first_seen written for the row. It also shadows
     * later ones until Cassandra purges the tombstone (gc_grace_seconds): fine for an erased contact,
     * whose later events the engine drops anyway.
     */
    public static long deleteTimestamp() {
        return BASE;
    }
}
