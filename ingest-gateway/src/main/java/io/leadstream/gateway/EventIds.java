package io.leadstream.gateway;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random (version 4) UUIDs for event ids. Ids need to be unique, not unguessable, so they come
 * from ThreadLocalRandom instead of {@link UUID#randomUUID()}'s shared SecureRandom, which every
 * event loop would otherwise contend on for each hit.
 */
final class EventIds {
    private EventIds() {}

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
