package io.leadstream.jobs.segments;

import io.leadstream.jobs.definitions.DefinitionJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A segment filter with what depends on neither the contact nor the time worked out once per
 * definition change, not per evaluation: what a behaviour filter counts, the pattern of a like /
 * regexp field filter (null for a regexp that does not compile: neither regexp nor not_regexp
 * matches, so a bad pattern stored before validation cannot select everyone), a field
 * filter's value(s), and for "last active" an offset's way forward ("-7 days" → "+7 days": when
 * the contact leaves). Patterns are RE2/J: matched in time linear in the value, so a hostile
 * pattern cannot stall the engine on contacts' data.
 */
public record CompiledFilter(FilterDef def, BehaviorQuery behavior, Pattern pattern, FilterValue value,
                      List<FilterValue> values, String lastActiveForward, List<CompiledFilter> children) {
    private static final Pattern OFFSET = Pattern.compile("-\\d{1,5} (minute|hour|day|week|month|year)s?");

    /** Each of {@code defs} compiled, a group's children with it; none for null. */
    static List<CompiledFilter> all(List<FilterDef> defs) {
        List<CompiledFilter> out = new ArrayList<>();
        if (defs != null) {
            defs.forEach(d -> out.add(of(d)));
        }
        return List.copyOf(out);
    }

    /** The non-group filters among {@code filters}, at any depth, in order. */
    static List<CompiledFilter> leaves(List<CompiledFilter> filters) {
        List<CompiledFilter> out = new ArrayList<>();
        for (CompiledFilter f : filters) {
            if (f.def().isGroup()) {
                out.addAll(leaves(f.children()));
            } else {
                out.add(f);
            }
        }
        return List.copyOf(out);
    }

    public static CompiledFilter of(FilterDef def) {
        Long window = def.within() == null ? null : DefinitionJson.duration(def.within()).toMillis();
        BehaviorQuery behavior = "behavior".equals(def.kind()) ? BehaviorQuery.of(def, window) : null;
        FilterValue value = null;
        List<FilterValue> values = List.of();
        if (readsField(def) && def.value() != null) {
            if (def.value().isArray()) {
                List<FilterValue> all = new ArrayList<>();
                def.value().forEach(v -> all.add(FilterValue.of(v.asText())));
                values = List.copyOf(all);
            } else {
                value = FilterValue.of(def.value().asText());
            }
        }
        String forward = "last_active".equals(def.kind()) && def.date() != null && OFFSET.matcher(def.date()).matches()
                ? "+" + def.date().substring(1) : null;
        List<CompiledFilter> children = def.isGroup() ? all(def.filters()) : List.of();
        return new CompiledFilter(def, behavior, pattern(def), value, values, forward, children);
    }

    /** A contact field or a company field: values compared the same way. */
    private static boolean readsField(FilterDef def) {
        return "field".equals(def.kind()) || "company_field".equals(def.kind());
    }

    private static Pattern pattern(FilterDef def) {
        if (!readsField(def) || def.operator() == null || def.value() == null) {
            return null;
        }
        return switch (def.operator()) {
            case "like", "not_like" -> like(def.value().asText().toLowerCase(Locale.ROOT));
            case "regexp", "not_regexp" -> regexp(def.value().asText());
            default -> null;
        };
    }

    /** SQL LIKE: % any run, _ one character; the rest literal. Matched against the lower-cased value. */
    private static Pattern like(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(switch (c) {
                case '%' -> ".*";
                case '_' -> ".";
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static Pattern regexp(String pattern) {
        try {
            return Pattern.compile(pattern, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            return null;
        }
    }
}
