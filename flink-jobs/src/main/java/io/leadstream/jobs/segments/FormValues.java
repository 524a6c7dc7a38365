package io.leadstream.jobs.segments;

import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

/** One form submission's values as facts, for a form-field condition: fields only, nothing else. */
public record FormValues(Map<String, String> values, ZoneId zone) implements ContactFacts {

    @Override
    public String field(String name) {
        return values.get(name);
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
        return false;
    }

    @Override
    public Long lastActive() {
        return null;
    }

    @Override
    public long behaviorCount(BehaviorQuery query, long now) {
        return 0;
    }
}
