package io.leadstream.jobs.segments;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One contact's facts read from {@link SegmentState} once per evaluation round, each kind on its
 * first use: a round asks about a hundred segments, and reading keyed state once per map beats
 * a state lookup per filter. Membership changes of the round are written through (state and here).
 */
final class ContactSnapshot implements ContactFacts {
    private final SegmentState state;
    private Map<String, String> fields;
    private Map<String, Integer> scores;
    private Set<String> tags;
    private Set<String> members;
    private Map<String, Boolean> manual;
    private Long lastActive;
    private boolean lastActiveRead;
    private Boolean unsubscribed;
    private ZoneId zone;
    private final Map<String, List<Long>> behaviorTimes = new HashMap<>();

    ContactSnapshot(SegmentState state) {
        this.state = state;
    }

    @Override
    public String field(String name) {
        if (fields == null) {
            fields = new HashMap<>();
            SegmentState.unchecked(() -> {
                state.fields.entries().forEach(e -> fields.put(e.getKey(), e.getValue()));
                return null;
            });
        }
        return fields.get(name);
    }

    @Override
    public int score(String group) {
        if (scores == null) {
            scores = new HashMap<>();
            SegmentState.unchecked(() -> {
                state.scores.entries().forEach(e -> scores.put(e.getKey(), e.getValue()));
                return null;
            });
        }
        Integer s = scores.get(group == null ? "" : group);
        return s == null ? 0 : s;
    }

    @Override
    public Set<String> tags() {
        if (tags == null) {
            tags = state.tags();
        }
        return tags;
    }

    @Override
    public boolean doNotContact(String channel) {
        if (unsubscribed == null) {
            unsubscribed = state.doNotContact(channel);
        }
        return unsubscribed;
    }

    @Override
    public boolean member(String segmentId) {
        return members().contains(segmentId);
    }

    Set<String> members() {
        if (members == null) {
            members = new HashSet<>();
            SegmentState.unchecked(() -> {
                state.members.keys().forEach(members::add);
                return null;
            });
        }
        return members;
    }

    /** True or false when added or removed by hand, null when the filters decide. */
    Boolean manual(String segmentId) {
        if (manual == null) {
            manual = new HashMap<>();
            SegmentState.unchecked(() -> {
                state.manual.entries().forEach(e -> manual.put(e.getKey(), e.getValue()));
                return null;
            });
        }
        return manual.get(segmentId);
    }

    /** Records a membership change in state and in this snapshot. */
    void setMember(String segmentId, boolean member) {
        SegmentState.unchecked(() -> {
            if (member) {
                state.members.put(segmentId, true);
                members().add(segmentId);
            } else {
                state.members.remove(segmentId);
                members().remove(segmentId);
            }
            return null;
        });
    }

    @Override
    public Long lastActive() {
        if (!lastActiveRead) {
            lastActive = state.lastActive();
            lastActiveRead = true;
        }
        return lastActive;
    }

    @Override
    public long behaviorCount(String key, Long since) {
        if (since == null) {
            return state.behaviorCount(key, null);
        }
        List<Long> times = behaviorTimes(key);
        return times == null ? 0 : times.stream().filter(t -> t >= since).count();
    }

    /** A windowed behaviour's event times (null: none); read once a round, for the filter and the timer. */
    List<Long> behaviorTimes(String key) {
        return behaviorTimes.computeIfAbsent(key, k -> SegmentState.unchecked(() -> state.behaviorTimes.get(k)));
    }

    @Override
    public ZoneId zone() {
        if (zone == null) {
            zone = state.zone();
        }
        return zone;
    }
}
