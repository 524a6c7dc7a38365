package io.leadstream.jobs.segments;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * One contact's facts as the segment stage keeps them (Flink keyed state), readable as
 * {@link ContactFacts} for the filters. Reads fail fast as unchecked: state access only throws
 * when the backend is broken.
 */
final class SegmentState implements ContactFacts {
    /** Time of the latest signal, set for every contact the stage has seen: a backfill visits the contacts that have it. */
    static final ValueStateDescriptor<Long> LAST_SIGNAL = new ValueStateDescriptor<>("last-signal", Types.LONG);

    final ValueState<Long> lastSignal;
    final MapState<String, String> fields;
    final MapState<String, Long> fieldTimes;
    final MapState<String, Integer> scores;
    final ValueState<Long> scoreSequence;
    final ValueState<Long> lastActive;
    final ValueState<Boolean> unsubscribed;
    final ValueState<String> timezone;
    final MapState<String, Boolean> tagSet;
    final MapState<String, List<Long>> behaviorTimes;
    final MapState<String, Long> behaviorTotals;
    final MapState<String, Boolean> members;
    /** Segment id → true (added by hand) or false (removed by hand): overrides the filters. */
    final MapState<String, Boolean> manual;
    final ValueState<Long> timer;
    private String lastZoneName;
    private ZoneId lastZone;

    SegmentState(RuntimeContext ctx) {
        lastSignal = ctx.getState(LAST_SIGNAL);
        fields = ctx.getMapState(new MapStateDescriptor<>("fields", Types.STRING, Types.STRING));
        fieldTimes = ctx.getMapState(new MapStateDescriptor<>("field-times", Types.STRING, Types.LONG));
        scores = ctx.getMapState(new MapStateDescriptor<>("scores", Types.STRING, Types.INT));
        scoreSequence = ctx.getState(new ValueStateDescriptor<>("score-sequence", Types.LONG));
        lastActive = ctx.getState(new ValueStateDescriptor<>("last-active", Types.LONG));
        unsubscribed = ctx.getState(new ValueStateDescriptor<>("unsubscribed", Types.BOOLEAN));
        timezone = ctx.getState(new ValueStateDescriptor<>("timezone", Types.STRING));
        tagSet = ctx.getMapState(new MapStateDescriptor<>("tags", Types.STRING, Types.BOOLEAN));
        behaviorTimes = ctx.getMapState(new MapStateDescriptor<>("behavior-times", Types.STRING, Types.LIST(Types.LONG)));
        behaviorTotals = ctx.getMapState(new MapStateDescriptor<>("behavior-totals", Types.STRING, Types.LONG));
        members = ctx.getMapState(new MapStateDescriptor<>("members", Types.STRING, Types.BOOLEAN));
        manual = ctx.getMapState(new MapStateDescriptor<>("manual", Types.STRING, Types.BOOLEAN));
        timer = ctx.getState(new ValueStateDescriptor<>("next-timer", Types.LONG));
    }

    /** Forgets the contact (an erasure); the caller deletes its timer first. */
    void clear() {
        for (org.apache.flink.api.common.state.State s : List.of(lastSignal, fields, fieldTimes, scores, scoreSequence, lastActive,
                unsubscribed, timezone, tagSet, behaviorTimes, behaviorTotals, members, manual, timer)) {
            s.clear();
        }
    }

    @Override
    public String field(String name) {
        return unchecked(() -> fields.get(name));
    }

    @Override
    public int score(String group) {
        Integer s = unchecked(() -> scores.get(group == null ? "" : group));
        return s == null ? 0 : s;
    }

    @Override
    public Set<String> tags() {
        return unchecked(() -> {
            Set<String> out = new HashSet<>();
            tagSet.keys().forEach(out::add);
            return out;
        });
    }

    @Override
    public boolean doNotContact(String channel) {
        return Boolean.TRUE.equals(unchecked(unsubscribed::value));
    }

    @Override
    public boolean member(String segmentId) {
        return unchecked(() -> members.contains(segmentId));
    }

    @Override
    public Long lastActive() {
        return unchecked(lastActive::value);
    }

    @Override
    public long behaviorCount(String key, Long since) {
        if (since == null) {
            Long total = unchecked(() -> behaviorTotals.get(key));
            return total == null ? 0 : total;
        }
        List<Long> times = unchecked(() -> behaviorTimes.get(key));
        return times == null ? 0 : times.stream().filter(t -> t >= since).count();
    }

    @Override
    public ZoneId zone() {
        String tz = unchecked(timezone::value);
        if (tz == null) {
            return ZoneOffset.UTC;
        }
        if (!tz.equals(lastZoneName)) { // contacts mostly share a few zones: parse on change only
            ZoneId zone;
            try {
                zone = ZoneId.of(tz);
            } catch (DateTimeException e) {
                zone = ZoneOffset.UTC;
            }
            lastZone = zone;
            lastZoneName = tz;
        }
        return lastZone;
    }

    interface Read<T> {
        T get() throws Exception;
    }

    static <T> T unchecked(Read<T> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Segment state unreadable", e);
        }
    }
}
