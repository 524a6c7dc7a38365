package io.leadstream.jobs.segments;

import java.util.List;

/** A segment as defined (schemas: segments.schema.json). */
public record SegmentDef(String id, String name, Boolean enabled, List<FilterDef> filters) {

    boolean isEnabled() {
        return enabled == null || enabled;
    }
}
