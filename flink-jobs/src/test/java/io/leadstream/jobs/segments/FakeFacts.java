package io.leadstream.jobs.segments;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Contact facts set by hand, for filter tests. */
final class FakeFacts implements ContactFacts {
    final Map<String, String> fields = new HashMap<>();
    final Map<String, Integer> scores = new HashMap<>();
    final Set<String> tags = new HashSet<>();
    final Set<String> segments = new HashSet<>();
    final Map<String, long[]> behavior = new HashMap<>();
    boolean dnc;
    Long lastActive;
    ZoneId zone = ZoneId.of("UTC");

    @Override
    public String field(String name) {
        return fields.get(name);
    }

    @Override
    public int score(String group) {
        return scores.getOrDefault(group == null ? "" : group, 0);
    }

    @Override
    public Set<String> tags() {
        return tags;
    }

    @Override
    public boolean doNotContact(String channel) {
        return dnc;
    }

    @Override
    public boolean member(String segmentId) {
        return segments.contains(segmentId);
    }

    @Override
    public Long lastActive() {
        return lastActive;
    }

    @Override
    public long behaviorCount(String key, Long since) {
        long[] times = behavior.getOrDefault(key, new long[0]);
        long n = 0;
        for (long t : times) {
            if (since == null || t >= since) {
                n++;
            }
        }
        return n;
    }

    @Override
    public ZoneId zone() {
        return zone;
    }
}
