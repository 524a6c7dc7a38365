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

    /** Counts the event times set for the query's kind, exactly (the profile counts whole days). */
    @Override
    public long behaviorCount(BehaviorQuery query, long now) {
        long[] times = behavior.getOrDefault(query.kind(), new long[0]);
        long n = 0;
        for (long t : times) {
            if (query.windowMillis() == null || t >= now - query.windowMillis()) {
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
