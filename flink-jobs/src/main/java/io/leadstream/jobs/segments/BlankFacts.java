package io.leadstream.jobs.segments;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

/** A contact with no facts yet: no fields, points, tags, activity or behaviour; in the segments decided for it so far. */
final class BlankFacts implements ContactFacts {
    final Set<String> members = new HashSet<>();

    @Override
    public String field(String name) {
        return null;
    }

    @Override
    public int score(String group) {
        return 0;
    }

    @Override
    public Set<String> tags() {
        return Set.of();
    }

    @Override
    public boolean doNotContact(String channel) {
        return false;
    }

    @Override
    public boolean member(String segmentId) {
        return members.contains(segmentId);
    }

    @Override
    public Long lastActive() {
        return null;
    }

    @Override
    public long behaviorCount(BehaviorQuery query, long now) {
        return 0;
    }

    @Override
    public ZoneId zone() {
        return ZoneOffset.UTC;
    }
}
