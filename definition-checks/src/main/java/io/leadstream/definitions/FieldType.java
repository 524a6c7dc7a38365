package io.leadstream.definitions;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A contact field's type, and the filter operators that mean something for it: order only where
 * values have an order (numbers, dates), patterns only where they are free text.
 */
public enum FieldType {
    TEXT, TEXTAREA, EMAIL, NUMBER, BOOLEAN, DATE, DATETIME, SELECT, MULTISELECT, COUNTRY, LOCALE, TIMEZONE, URL, TEL;

    private static final Set<String> PRESENCE = Set.of("empty", "not_empty");
    private static final Set<String> EQUALITY = Set.of("eq", "neq", "in", "not_in");
    private static final Set<String> ORDER = Set.of("gt", "gte", "lt", "lte", "between");
    private static final Set<String> TEXTUAL = Set.of("like", "not_like", "regexp", "not_regexp", "starts_with", "ends_with", "contains");

    /** The name in definitions ("multiselect"). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FieldType> of(String id) {
        return Arrays.stream(values()).filter(t -> t.id().equals(id)).findFirst();
    }

    public boolean allows(String operator) {
        if (PRESENCE.contains(operator)) {
            return true;
        }
        return switch (this) {
            case NUMBER, DATE, DATETIME -> EQUALITY.contains(operator) || ORDER.contains(operator);
            case BOOLEAN -> operator.equals("eq") || operator.equals("neq");
            case SELECT, COUNTRY, LOCALE, TIMEZONE -> EQUALITY.contains(operator);
            case MULTISELECT -> operator.equals("in") || operator.equals("not_in");
            default -> EQUALITY.contains(operator) || TEXTUAL.contains(operator);
        };
    }

    /** Whether a filter's value is compared as a stored value of this type (so it must be one). */
    boolean comparesValues(String operator) {
        return switch (this) {
            case NUMBER, BOOLEAN, SELECT, MULTISELECT, COUNTRY, LOCALE, TIMEZONE -> true;
            default -> false;
        } && (EQUALITY.contains(operator) || ORDER.contains(operator));
    }
}
