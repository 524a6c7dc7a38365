package io.leadstream.jobs.segments;

import java.util.ArrayList;
import java.util.List;

/** A segment with its filters compiled, in definition order. */
public record CompiledSegment(SegmentDef def, List<CompiledFilter> filters) {

    static CompiledSegment of(SegmentDef def) {
        List<FilterDef> defined = def.filters() == null ? List.of() : def.filters();
        List<CompiledFilter> filters = new ArrayList<>();
        for (FilterDef f : defined) {
            filters.add(CompiledFilter.of(f));
        }
        return new CompiledSegment(def, List.copyOf(filters));
    }

    public String id() {
        return def.id();
    }
}
