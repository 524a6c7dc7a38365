package io.leadstream.jobs.identity;

import io.leadstream.schemas.event.TrackingEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A randomized identity scenario: devices with 1-6 hits; 40% identify with one of a pool of
 * emails (collisions merge), 8% switch email later (re-points), and pairs of fresh devices claim
 * one email at the same millisecond.
 */
public final class IdentityScenario {
    static final long T0 = 1_780_000_000_000L;

    private IdentityScenario() {}

    static List<TrackingEvent> generate(Random random, int devices, int emails) {
        List<TrackingEvent> events = new ArrayList<>();
        int n = 0;
        for (int d = 0; d < devices; d++) {
            String device = "dev-" + d;
            int hits = 1 + random.nextInt(6);
            long t = T0 + random.nextInt(60_000);
            String email = random.nextInt(100) < 40 ? "user" + random.nextInt(emails) + "@example.com" : null;
            int identifyAt = email == null ? -1 : random.nextInt(hits);
            String other = random.nextInt(100) < 8 ? "user" + random.nextInt(emails) + "@example.com" : null;
            for (int h = 0; h < hits; h++) {
                String claim = h == identifyAt ? (h % 2 == 0 ? email : email.toUpperCase()) : null;
                if (other != null && h == hits - 1 && h > identifyAt) {
                    claim = other;
                }
                events.add(Events.hit(String.format("e%06d", n++), device, t, claim));
                t += 1 + random.nextInt(4_000);
            }
        }
        // The same email claimed at the same millisecond by two fresh devices (different partitions).
        for (int i = 0; i < 20; i++) {
            long t = T0 + 10_000 + i * 1_000;
            events.add(Events.hit(String.format("e%06d", n++), "twin-a-" + i, t, "twin" + i + "@example.com"));
            events.add(Events.hit(String.format("e%06d", n++), "twin-b-" + i, t, "twin" + i + "@example.com"));
        }
        return events;
    }

    /** The events in 3 s event-time buckets, each shuffled: out of order, but inside the engine's 5 s watermark bound. */
    public static List<List<TrackingEvent>> shuffledBuckets(List<TrackingEvent> events, Random random) {
        Map<Long, List<TrackingEvent>> buckets = new TreeMap<>();
        events.forEach(e -> buckets.computeIfAbsent(e.getEventTime().toEpochMilli() / 3_000, k -> new ArrayList<>()).add(e));
        List<List<TrackingEvent>> out = new ArrayList<>(buckets.values());
        out.forEach(bucket -> Collections.shuffle(bucket, random));
        return out;
    }

    static long lastEventTime(List<TrackingEvent> events) {
        return events.stream().mapToLong(e -> e.getEventTime().toEpochMilli()).max().orElseThrow();
    }
}
