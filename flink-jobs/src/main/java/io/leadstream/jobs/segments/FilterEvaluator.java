package io.leadstream.jobs.segments;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether one filter matches a contact now. Field values compare as numbers when both sides are
 * numbers, as dates when the filter value is a date (relative ones resolved against {@code now}
 * in the contact's zone) and the field parses as one, and otherwise as case-insensitive text.
 */
public final class FilterEvaluator {
    private FilterEvaluator() {}

    public static boolean matches(CompiledFilter compiled, ContactFacts facts, long now) {
        FilterDef f = compiled.def();
        return switch (f.kind()) {
            case "field" -> field(compiled, facts.field(f.field()), facts, now);
            case "company_field" -> companyField(compiled, facts, now);
            case "behavior" -> compare(facts.behaviorCount(compiled.behavior(), now),
                    f.operator() == null ? "gte" : f.operator(), f.count() == null ? 1 : f.count());
            case "last_active" -> facts.lastActive() != null
                    && compareDates(facts.lastActive(), f.operator(), RelativeDates.resolve(f.date(), now, facts.zone()));
            case "points" -> compare(facts.score(f.group()), f.operator(), f.value().asLong());
            case "tags" -> tags(f, facts);
            case "dnc" -> facts.doNotContact(f.channel() == null ? "email" : f.channel()) == "is".equals(f.operator());
            case "segment" -> facts.member(f.segment()) == "member".equals(f.operator());
            case "stage" -> stage(f, facts.stage());
            default -> false;
        };
    }

    private static boolean stage(FilterDef f, String stage) {
        return switch (f.operator()) {
            case "eq" -> f.stage().equals(stage);
            case "neq" -> !f.stage().equals(stage);
            case "empty" -> stage == null;
            default -> stage != null;
        };
    }

    private static boolean tags(FilterDef f, ContactFacts facts) {
        long held = f.tags().stream().filter(facts.tags()::contains).count();
        return switch (f.operator()) {
            case "any" -> held > 0;
            case "all" -> held == f.tags().size();
            default -> held == 0;
        };
    }

    /**
     * A company field: a positive operator matches when any of the contact's companies matches; a
     * negative one ({@code neq}, {@code empty}, {@code not_...} but {@code not_empty}) when all of
     * them do, that is when none has the value (a contact in no company reads as one without it).
     */
    private static boolean companyField(CompiledFilter compiled, ContactFacts facts, long now) {
        String op = compiled.def().operator();
        boolean negative = op.equals("neq") || op.equals("empty") || (op.startsWith("not_") && !op.equals("not_empty"));
        List<Map<String, String>> companies = facts.companies();
        if (companies.isEmpty()) {
            return field(compiled, null, facts, now);
        }
        for (Map<String, String> company : companies) {
            if (field(compiled, company.get(compiled.def().field()), facts, now) != negative) {
                return !negative;
            }
        }
        return negative;
    }

    private static boolean field(CompiledFilter compiled, String actual, ContactFacts facts, long now) {
        FilterDef f = compiled.def();
        boolean empty = actual == null || actual.isBlank();
        String op = f.operator();
        switch (op) {
            case "empty":
                return empty;
            case "not_empty":
                return !empty;
            case "in", "not_in":
                return op.equals("in") == (!empty && in(actual, compiled.values(), now, facts));
            case "regexp", "not_regexp":
                if (compiled.pattern() == null) {
                    return false;
                }
                break;
            case "between":
                List<FilterValue> range = compiled.values();
                return !empty && order(actual, range.get(0), now, facts) >= 0 && order(actual, range.get(1), now, facts) <= 0;
            default:
                break;
        }
        if (op.startsWith("not_") || op.equals("neq")) {
            return !positive(op.equals("neq") ? "eq" : op.substring(4), actual, empty, compiled, now, facts);
        }
        return positive(op, actual, empty, compiled, now, facts);
    }

    /** The value is one of {@code values}; a multiselect's value (options joined by |) when any of its options is. */
    private static boolean in(String actual, List<FilterValue> values, long now, ContactFacts facts) {
        if (values.stream().anyMatch(v -> equal(actual, v, now, facts))) {
            return true;
        }
        if (actual.indexOf('|') < 0) {
            return false;
        }
        for (String option : actual.split("\\|")) {
            if (values.stream().anyMatch(v -> equal(option, v, now, facts))) {
                return true;
            }
        }
        return false;
    }

    private static boolean positive(String op, String actual, boolean empty, CompiledFilter compiled, long now, ContactFacts facts) {
        if (empty) {
            return false;
        }
        FilterValue expected = compiled.value();
        return switch (op) {
            case "eq" -> equal(actual, expected, now, facts);
            case "gt" -> order(actual, expected, now, facts) > 0;
            case "gte" -> order(actual, expected, now, facts) >= 0;
            case "lt" -> order(actual, expected, now, facts) < 0;
            case "lte" -> order(actual, expected, now, facts) <= 0;
            case "like" -> compiled.pattern().matcher(actual.toLowerCase(Locale.ROOT)).matches();
            case "regexp" -> compiled.pattern().matcher(actual).find();
            case "starts_with" -> actual.toLowerCase(Locale.ROOT).startsWith(expected.lower());
            case "ends_with" -> actual.toLowerCase(Locale.ROOT).endsWith(expected.lower());
            case "contains" -> actual.toLowerCase(Locale.ROOT).contains(expected.lower());
            default -> false;
        };
    }

    private static boolean equal(String actual, FilterValue expected, long now, ContactFacts facts) {
        Integer order = typedOrder(actual, expected, now, facts);
        return order != null ? order == 0 : actual.equalsIgnoreCase(expected.text());
    }

    /** Sign of actual - expected: numerically, as dates, or as case-insensitive text. */
    private static int order(String actual, FilterValue expected, long now, ContactFacts facts) {
        Integer order = typedOrder(actual, expected, now, facts);
        return order != null ? order : actual.compareToIgnoreCase(expected.text());
    }

    private static Integer typedOrder(String actual, FilterValue expected, long now, ContactFacts facts) {
        if (expected.number() != null) {
            BigDecimal a = FilterValue.number(actual);
            if (a != null) {
                return Integer.signum(a.compareTo(expected.number()));
            }
        }
        if (expected.date()) {
            var actualDate = RelativeDates.isoDate(actual, facts.zone());
            Long expectedDate = actualDate == null ? null : RelativeDates.resolve(expected.text(), now, facts.zone());
            if (expectedDate != null) {
                return Long.signum(actualDate.toInstant().toEpochMilli() - expectedDate);
            }
        }
        return null;
    }

    private static boolean compareDates(long actual, String op, Long expected) {
        return expected != null && compare(Long.compare(actual, expected), op, 0);
    }

    private static boolean compare(long actual, String op, long expected) {
        return switch (op) {
            case "eq" -> actual == expected;
            case "neq" -> actual != expected;
            case "gt" -> actual > expected;
            case "gte" -> actual >= expected;
            case "lt" -> actual < expected;
            case "lte" -> actual <= expected;
            default -> false;
        };
    }
}
