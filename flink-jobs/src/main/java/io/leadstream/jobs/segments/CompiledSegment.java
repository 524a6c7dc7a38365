package io.leadstream.jobs.segments;

import java.util.ArrayList;
import java.util.List;

/** A segment with its filters compiled, in definition order. */
record CompiledSegment(SegmentDef def, List<CompiledFilter> filters) {

    static CompiledSegment of(SegmentDef def) {
        List<FilterDef> defined = def.filters() == null ? List.of() : def.filters();
        List<CompiledFilter> filters = new ArrayList<>();
        for (int i = 0; i < defined.size(); i++) {
            filters.add(CompiledFilter.of(defined.get(i), SegmentRules.behaviorKey(def.id(), i)));
        }
        return new CompiledSegment(def, List.copyOf(filters));
    }

    String id() {
        return def.id();
    }
}
