package io.leadstream.jobs.segments;

import io.leadstream.jobs.definitions.DefinitionJson;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A segment filter with what depends on neither the contact nor the time worked out once per
 * definition change, not per evaluation: its behaviour counter key, its window, and the pattern
 * of a like / regexp field filter (null for a regexp that does not compile: it matches nothing).
 */
record CompiledFilter(FilterDef def, String behaviorKey, Long windowMillis, Pattern pattern) {

    static CompiledFilter of(FilterDef def, String behaviorKey) {
        Long window = def.within() == null ? null : DefinitionJson.duration(def.within()).toMillis();
        return new CompiledFilter(def, behaviorKey, window, pattern(def));
    }

    private static Pattern pattern(FilterDef def) {
        if (!"field".equals(def.kind()) || def.operator() == null || def.value() == null) {
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
