package io.leadstream.jobs.segments;

import java.util.List;

/** What one compiled filter reads ({@link Facts}), and whether its answer can change with time alone. */
final class FilterFacts {
    private FilterFacts() {}

    static List<String> reads(CompiledFilter f) {
        FilterDef def = f.def();
        return switch (def.kind()) {
            case "field" -> datesIn(f) ? List.of(Facts.field(def.field()), Facts.ZONE) : List.of(Facts.field(def.field()));
            case "behavior" -> List.of(behavior(f.behavior()));
            case "last_active" -> List.of(Facts.ACTIVE, Facts.ZONE);
            case "points" -> List.of(Facts.points(def.group()));
            case "tags" -> List.of(Facts.TAGS);
            case "dnc" -> List.of(Facts.DO_NOT_CONTACT);
            case "segment" -> List.of(Facts.segment(def.segment()));
            case "stage" -> List.of(Facts.STAGE);
            case "company_field" -> List.of(Facts.COMPANIES);
            default -> List.of();
        };
    }

    /** The narrowest fact: hits on this URL pattern, events about this target, or all events of the kind. */
    private static String behavior(BehaviorQuery q) {
        if (q.url() != null) {
            return Facts.pageHits(q.url().wildcard());
        }
        return q.target() == null ? Facts.behavior(q.kind()) : Facts.behavior(q.kind(), q.target());
    }

    static boolean clockDependent(CompiledFilter f) {
        return switch (f.def().kind()) {
            case "behavior" -> f.behavior().windowMillis() != null;
            case "last_active" -> true;
            case "field" -> calendarDatesIn(f);
            default -> false;
        };
    }

    private static boolean datesIn(CompiledFilter f) {
        return (f.value() != null && f.value().date()) || f.values().stream().anyMatch(FilterValue::date);
    }

    /** A relative date ("today", "-30 days") moves with the clock; an ISO date does not. */
    private static boolean calendarDatesIn(CompiledFilter f) {
        return (f.value() != null && f.value().calendarDate()) || f.values().stream().anyMatch(FilterValue::calendarDate);
    }
}
