package io.leadstream.jobs.segments;

import io.leadstream.jobs.definitions.DefinitionJson;
import io.leadstream.jobs.definitions.DefinitionsBroadcast;
import io.leadstream.jobs.points.UrlPattern;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The enabled segments, compiled from the broadcast definitions, in evaluation order (a segment
 * comes after the segments its filters name, so a nested filter reads a membership already decided
 * for this signal; a cycle is broken by id order and settles on the next signal), and indexed by
 * the facts each reads: a change re-evaluates only the segments that read what it changed.
 */
public final class SegmentDefinitions {
    public static final String KIND = "segments";

    private final List<CompiledSegment> ordered = new ArrayList<>();
    private final Map<String, Integer> positions = new HashMap<>();
    private final Map<String, BitSet> readers = new HashMap<>();
    private final BitSet clockDependent = new BitSet();
    /** Segments a contact with no facts at all is in ("no email opened", "not unsubscribed"): a new contact's first event decides them. */
    private final BitSet trueOnBlank = new BitSet();
    /** The URL patterns behaviour filters count hits on, by their text. */
    private final Map<String, UrlPattern> pageHitPatterns = new HashMap<>();

    public static SegmentDefinitions from(Iterable<Map.Entry<String, String>> definitions) {
        Map<String, CompiledSegment> byId = new TreeMap<>();
        DefinitionsBroadcast.compile(definitions, KIND, json -> {
            SegmentDef def = DefinitionJson.read(json, SegmentDef.class);
            return def.isEnabled() ? CompiledSegment.of(def) : null;
        }).forEach(segment -> byId.put(segment.id(), segment));
        SegmentDefinitions out = new SegmentDefinitions();
        Map<String, CompiledSegment> placed = new LinkedHashMap<>();
        byId.values().forEach(s -> place(s, byId, placed, new ArrayList<>()));
        placed.values().forEach(out::add);
        out.decideForBlank();
        return out;
    }

    private void add(CompiledSegment segment) {
        int position = ordered.size();
        ordered.add(segment);
        positions.put(segment.id(), position);
        for (CompiledFilter f : segment.leaves()) {
            for (String fact : FilterFacts.reads(f)) {
                readers.computeIfAbsent(fact, k -> new BitSet()).set(position);
            }
            if (FilterFacts.clockDependent(f)) {
                clockDependent.set(position);
            }
            if (f.behavior() != null && f.behavior().url() != null) {
                pageHitPatterns.putIfAbsent(f.behavior().url().wildcard(), f.behavior().url());
            }
        }
    }

    public int size() {
        return ordered.size();
    }

    public CompiledSegment at(int position) {
        return ordered.get(position);
    }

    public boolean contains(String id) {
        return positions.containsKey(id);
    }

    /** Position in evaluation order, or -1 when there is no such (enabled) segment. */
    public int position(String id) {
        Integer p = positions.get(id);
        return p == null ? -1 : p;
    }

    /** Adds to {@code into} every segment that reads one of {@code facts}. */
    public void readers(Collection<String> facts, BitSet into) {
        for (String fact : facts) {
            BitSet r = readers.get(fact);
            if (r != null) {
                into.or(r);
            }
        }
    }

    /** The facts a page hit on {@code url} changes for the behaviour filters with a URL pattern: one per pattern it matches. */
    public void pageHitFacts(String url, Collection<String> into) {
        for (Map.Entry<String, UrlPattern> p : pageHitPatterns.entrySet()) {
            if (p.getValue().matches(url)) {
                into.add(Facts.pageHits(p.getKey()));
            }
        }
    }

    /**
     * The segments a new contact is in before any of its facts count: its first event evaluates these
     * and the ones reading what it set, not every segment. (Without facts nothing depends on the time.)
     */
    public BitSet trueOnBlank() {
        return (BitSet) trueOnBlank.clone();
    }

    private void decideForBlank() {
        BlankFacts blank = new BlankFacts();
        for (int i = 0; i < ordered.size(); i++) {
            if (SegmentRules.matches(ordered.get(i), blank, 0)) {
                trueOnBlank.set(i);
                blank.members.add(ordered.get(i).id());
            }
        }
    }

    /** Segments whose answer can change with time alone (behaviour windows, relative dates, last active). */
    public BitSet clockDependent() {
        return (BitSet) clockDependent.clone();
    }

    public BitSet all() {
        BitSet all = new BitSet();
        all.set(0, ordered.size());
        return all;
    }

    /**
     * The segment and every segment that names it, directly or through others: what a change of
     * that one definition can change. (Dependencies come first in evaluation order, so one pass
     * finds them all, cycles aside.)
     */
    public BitSet affectedBy(String id) {
        Set<String> affected = new HashSet<>(Set.of(id));
        BitSet out = new BitSet();
        for (int i = 0; i < ordered.size(); i++) {
            CompiledSegment s = ordered.get(i);
            if (affected.contains(s.id()) || s.leaves().stream()
                    .anyMatch(f -> "segment".equals(f.def().kind()) && affected.contains(f.def().segment()))) {
                affected.add(s.id());
                out.set(i);
            }
        }
        return out;
    }

    private static void place(CompiledSegment s, Map<String, CompiledSegment> byId, Map<String, CompiledSegment> placed, List<String> path) {
        if (placed.containsKey(s.id()) || path.contains(s.id())) {
            return;
        }
        path.add(s.id());
        for (CompiledFilter f : s.leaves()) {
            if ("segment".equals(f.def().kind()) && byId.containsKey(f.def().segment())) {
                place(byId.get(f.def().segment()), byId, placed, path);
            }
        }
        path.remove(s.id());
        placed.put(s.id(), s);
    }
}
