package io.leadstream.jobs.segments;

import java.util.List;

/**
 * A segment's filters combined as in Mautic: "and" binds tighter than "or", so an "or" glue
 * starts a new group and a contact matches when every filter of some group matches. A "group"
 * filter is a parenthesis: its own filters combine the same way, and its answer takes part in the
 * list around it like any filter's. No filters: nobody matches (such a segment holds only contacts
 * added by hand); an empty group matches nobody too.
 */
public final class SegmentRules {
    private SegmentRules() {}

    static boolean matches(SegmentDef segment, ContactFacts facts, long now) {
        return matches(CompiledSegment.of(segment), facts, now);
    }

    public static boolean matches(CompiledSegment segment, ContactFacts facts, long now) {
        return matches(segment.filters(), facts, now);
    }

    private static boolean matches(List<CompiledFilter> filters, ContactFacts facts, long now) {
        if (filters.isEmpty()) {
            return false;
        }
        boolean group = true;
        for (int i = 0; i < filters.size(); i++) {
            CompiledFilter f = filters.get(i);
            if (i > 0 && f.def().startsGroup()) {
                if (group) {
                    return true;
                }
                group = true;
            }
            group = group && (f.def().isGroup() ? matches(f.children(), facts, now) : FilterEvaluator.matches(f, facts, now));
        }
        return group;
    }
}
