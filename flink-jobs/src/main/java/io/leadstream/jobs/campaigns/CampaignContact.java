package io.leadstream.jobs.campaigns;

import io.leadstream.jobs.definitions.DefinitionJson;
import io.leadstream.jobs.segments.ContactFacts;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * One contact as the campaign stage keeps it (Flink keyed state): its campaign memberships, and the
 * facts its conditions read, taken from the signals this stage sees (events, points, segment changes).
 */
final class CampaignContact {
    /** Campaign id → {@link Membership} as JSON. */
    final MapState<String, String> memberships;
    final MapState<String, String> fields;
    final MapState<String, Integer> scores;
    final ValueState<Long> scoreSequence;
    final MapState<String, Boolean> tags;
    final MapState<String, Boolean> segments;
    final ValueState<Boolean> doNotContact;
    final ValueState<String> timezone;
    /** Form id → the contact's latest submission of it, as JSON. */
    final MapState<String, String> forms;
    final ValueState<Long> timer;
    /** Set once this contact was merged into another: the survivor, to which its later signals go. */
    final ValueState<String> mergedInto;
    /** Handovers already applied here (a repeat changes nothing). */
    final MapState<String, Boolean> handovers;

    CampaignContact(RuntimeContext ctx) {
        memberships = ctx.getMapState(new MapStateDescriptor<>("campaign-memberships", Types.STRING, Types.STRING));
        fields = ctx.getMapState(new MapStateDescriptor<>("fields", Types.STRING, Types.STRING));
        scores = ctx.getMapState(new MapStateDescriptor<>("scores", Types.STRING, Types.INT));
        scoreSequence = ctx.getState(new ValueStateDescriptor<>("score-sequence", Types.LONG));
        tags = ctx.getMapState(new MapStateDescriptor<>("tags", Types.STRING, Types.BOOLEAN));
        segments = ctx.getMapState(new MapStateDescriptor<>("segments", Types.STRING, Types.BOOLEAN));
        doNotContact = ctx.getState(new ValueStateDescriptor<>("dnc", Types.BOOLEAN));
        timezone = ctx.getState(new ValueStateDescriptor<>("timezone", Types.STRING));
        forms = ctx.getMapState(new MapStateDescriptor<>("forms", Types.STRING, Types.STRING));
        timer = ctx.getState(new ValueStateDescriptor<>("next-timer", Types.LONG));
        mergedInto = ctx.getState(new ValueStateDescriptor<>("merged-into", Types.STRING));
        handovers = ctx.getMapState(new MapStateDescriptor<>("handovers", Types.STRING, Types.BOOLEAN));
    }

    /** Forgets the contact (an erasure); the caller deletes its timer first. */
    void clear() {
        for (org.apache.flink.api.common.state.State s : java.util.List.of(memberships, fields, scores, scoreSequence, tags, segments,
                doNotContact, timezone, forms, timer, mergedInto, handovers)) {
            s.clear();
        }
    }

    /** The contact's zone for send windows: its own, else the campaign's. */
    ZoneId zone(ZoneId fallback) throws Exception {
        String name = timezone.value();
        if (name != null) {
            try {
                return ZoneId.of(name);
            } catch (DateTimeException e) {
                return fallback; // a tracker sent something that is not a zone
            }
        }
        return fallback;
    }

    /** The facts as they are now, for conditions (read whole: conditions are rare next to events). */
    ContactFacts facts(ZoneId zone) throws Exception {
        Map<String, String> f = new HashMap<>();
        fields.entries().forEach(e -> f.put(e.getKey(), e.getValue()));
        Map<String, Integer> s = new HashMap<>();
        scores.entries().forEach(e -> s.put(e.getKey(), e.getValue()));
        Set<String> t = new HashSet<>();
        tags.keys().forEach(t::add);
        Set<String> m = new HashSet<>();
        segments.keys().forEach(m::add);
        boolean dnc = Boolean.TRUE.equals(doNotContact.value());
        return new Facts(f, s, t, m, dnc, zone);
    }

    /** What a merged contact hands its survivor besides memberships (JSON). Scores stay with the points stage. */
    record HandedFacts(Map<String, String> fields, Set<String> tags, Set<String> segments, boolean dnc, Map<String, String> forms,
                       String timezone) {}

    String handedFacts() throws Exception {
        Map<String, String> f = new HashMap<>();
        fields.entries().forEach(e -> f.put(e.getKey(), e.getValue()));
        Set<String> t = new HashSet<>();
        tags.keys().forEach(t::add);
        Set<String> m = new HashSet<>();
        segments.keys().forEach(m::add);
        Map<String, String> fo = new HashMap<>();
        forms.entries().forEach(e -> fo.put(e.getKey(), e.getValue()));
        return DefinitionJson.write(new HandedFacts(f, t, m, Boolean.TRUE.equals(doNotContact.value()), fo, timezone.value()));
    }

    /** The merged contact's facts, under this one's: its own values win, tags and segments add up, do-not-contact sticks. */
    void adoptFacts(String json) throws Exception {
        HandedFacts h = DefinitionJson.read(json, HandedFacts.class);
        for (Map.Entry<String, String> e : h.fields().entrySet()) {
            if (!fields.contains(e.getKey())) {
                fields.put(e.getKey(), e.getValue());
            }
        }
        for (String t : h.tags()) {
            tags.put(t, true);
        }
        for (String m : h.segments()) {
            segments.put(m, true);
        }
        if (h.dnc()) {
            doNotContact.update(true);
        }
        for (Map.Entry<String, String> e : h.forms().entrySet()) {
            if (!forms.contains(e.getKey())) {
                forms.put(e.getKey(), e.getValue());
            }
        }
        if (timezone.value() == null && h.timezone() != null) {
            timezone.update(h.timezone());
        }
    }

    /** Clears everything; the contact was merged into another. */
    void clearAll() throws Exception {
        memberships.clear();
        fields.clear();
        scores.clear();
        scoreSequence.clear();
        tags.clear();
        segments.clear();
        doNotContact.clear();
        timezone.clear();
        forms.clear();
    }

    /** Only fields, e.g. one form submission's values for a form-field condition. */
    static ContactFacts fieldsOnly(Map<String, String> values, ZoneId zone) {
        return new Facts(values, Map.of(), Set.of(), Set.of(), false, zone);
    }

    private record Facts(Map<String, String> fields, Map<String, Integer> scores, Set<String> tags, Set<String> members,
                         boolean dnc, ZoneId zone) implements ContactFacts {
        @Override
        public String field(String name) {
            return fields.get(name);
        }

        @Override
        public int score(String group) {
            return scores.getOrDefault(group == null ? "" : group, 0);
        }

        @Override
        public boolean doNotContact(String channel) {
            return dnc;
        }

        @Override
        public boolean member(String segmentId) {
            return members.contains(segmentId);
        }

        @Override
        public Long lastActive() {
            return null; // no campaign condition reads it
        }

        @Override
        public long behaviorCount(String key, Long since) {
            return 0; // no campaign condition reads it
        }
    }
}
