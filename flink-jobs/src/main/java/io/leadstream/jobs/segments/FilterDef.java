package io.leadstream.jobs.segments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One segment filter as defined (schemas: segments.schema.json, $defs/filter); unused fields are
 * null. A "group" holds {@code filters} of its own, combined like a segment's, so AND and OR nest.
 */
public record FilterDef(String kind, String glue, String field, String operator, JsonNode value,
                        String behavior, String url, String email, String form, String asset, String within, Integer count,
                        String date, String group, List<String> tags, String channel, String segment, List<FilterDef> filters,
                        String stage) {

    boolean isGroup() {
        return "group".equals(kind);
    }

    /** "or" starts a new group of filters that must all match. */
    boolean startsGroup() {
        return "or".equals(glue);
    }
}
