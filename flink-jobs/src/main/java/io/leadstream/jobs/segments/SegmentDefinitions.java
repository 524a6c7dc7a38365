package io.leadstream.jobs.segments;

import io.leadstream.jobs.definitions.DefinitionJson;
import io.leadstream.jobs.definitions.DefinitionsBroadcast;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The enabled segments, compiled from the broadcast definitions, in evaluation order: a segment
 * comes after the segments its filters name, so a nested filter reads a membership already
 * decided for this signal (a cycle is broken by id order and settles on the next signal).
 */
final class SegmentDefinitions {
    static final String KIND = "segments";

    final List<CompiledSegment> ordered = new ArrayList<>();
    final Set<String> ids = new HashSet<>();
    final List<BehaviorFilter> behaviors = new ArrayList<>();

    static SegmentDefinitions from(Iterable<Map.Entry<String, String>> definitions) {
        Map<String, SegmentDef> byId = new TreeMap<>();
        DefinitionsBroadcast.compile(definitions, KIND, json -> {
            SegmentDef def = DefinitionJson.read(json, SegmentDef.class);
            return def.isEnabled() ? def : null;
        }).forEach(def -> byId.put(def.id(), def));
        SegmentDefinitions out = new SegmentDefinitions();
        Map<String, SegmentDef> placed = new LinkedHashMap<>();
        byId.values().forEach(s -> place(s, byId, placed, new ArrayList<>()));
        for (SegmentDef def : placed.values()) {
            CompiledSegment segment = CompiledSegment.of(def);
            out.ordered.add(segment);
            out.ids.add(segment.id());
            for (CompiledFilter f : segment.filters()) {
                if ("behavior".equals(f.def().kind())) {
                    out.behaviors.add(BehaviorFilter.of(f));
                }
            }
        }
        return out;
    }

    /**
     * The segment and every segment that names it, directly or through others, in evaluation
     * order: what a change of that one definition can change. (Dependencies come first in
     * {@link #ordered}, so one pass finds them all, cycles aside.)
     */
    List<CompiledSegment> affectedBy(String id) {
        Set<String> affected = new HashSet<>(Set.of(id));
        List<CompiledSegment> out = new ArrayList<>();
        for (CompiledSegment s : ordered) {
            if (affected.contains(s.id()) || s.filters().stream()
                    .anyMatch(f -> "segment".equals(f.def().kind()) && affected.contains(f.def().segment()))) {
                affected.add(s.id());
                out.add(s);
            }
        }
        return out;
    }

    private static void place(SegmentDef s, Map<String, SegmentDef> byId, Map<String, SegmentDef> placed, List<String> path) {
        if (placed.containsKey(s.id()) || path.contains(s.id())) {
            return;
        }
        path.add(s.id());
        for (FilterDef f : s.filters() == null ? List.<FilterDef>of() : s.filters()) {
            if ("segment".equals(f.kind()) && byId.containsKey(f.segment())) {
                place(byId.get(f.segment()), byId, placed, path);
            }
        }
        path.remove(s.id());
        placed.put(s.id(), s);
    }
}
