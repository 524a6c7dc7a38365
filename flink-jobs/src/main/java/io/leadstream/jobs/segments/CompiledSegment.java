package io.leadstream.jobs.segments;

import java.util.List;

/**
 * A segment with its filters compiled, in definition order: {@code filters} as nested (groups hold
 * their own), {@code leaves} every non-group filter at any depth, for what reads facts or the clock.
 */
public record CompiledSegment(SegmentDef def, List<CompiledFilter> filters, List<CompiledFilter> leaves) {

    static CompiledSegment of(SegmentDef def) {
        List<CompiledFilter> filters = CompiledFilter.all(def.filters());
        return new CompiledSegment(def, filters, CompiledFilter.leaves(filters));
    }

    public String id() {
        return def.id();
    }
}
