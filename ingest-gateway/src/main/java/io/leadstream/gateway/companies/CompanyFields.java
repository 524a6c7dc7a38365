package io.leadstream.gateway.companies;

import io.leadstream.definitions.FieldDefinition;
import io.leadstream.definitions.FieldValues;
import io.leadstream.definitions.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Company field values checked and put in their stored form before they go to the engine, by the rules
 * contact fields follow (the field must be defined, with {@code "object": "company"}, and the value fit
 * its type), plus the domain's one form ({@link CompanyDomains}). An empty value clears the field; the
 * name cannot be cleared, a company is known by it.
 */
public final class CompanyFields {
    public static final String NAME = "companyname";
    public static final int MAX_FIELDS = 200;

    private final Function<String, FieldDefinition> companyField;

    /** {@code companyField}: the company field an alias names now, or null. */
    public CompanyFields(Function<String, FieldDefinition> companyField) {
        this.companyField = companyField;
    }

    /** Values in their stored form, or the problems (each at {@code pointerPrefix + alias}); never both. */
    public record Checked(Map<String, String> values, List<Problem> problems) {
        public boolean accepted() {
            return problems.isEmpty();
        }

        /** The problems as one line, for APIs whose errors have no list. */
        public String reasons() {
            return String.join("; ", problems.stream().map(Problem::reason).toList());
        }
    }

    public Checked check(Map<String, String> given, String pointerPrefix) {
        Map<String, String> values = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        given.forEach((alias, raw) -> {
            String pointer = pointerPrefix + alias;
            FieldDefinition field = alias == null ? null : companyField.apply(alias);
            if (field == null) {
                problems.add(new Problem(pointer, "no company field \"" + alias + "\" is defined"));
                return;
            }
            String value = raw == null ? "" : raw.strip();
            if (value.isEmpty()) {
                if (alias.equals(NAME)) {
                    problems.add(new Problem(pointer, NAME + ": a company keeps its name (it cannot be cleared)"));
                } else {
                    values.put(alias, ""); // clears it
                }
                return;
            }
            if (alias.equals(CompanyDomains.FIELD)) {
                Optional<String> domain = CompanyDomains.normalize(value);
                if (domain.isPresent()) {
                    values.put(alias, domain.get());
                } else {
                    problems.add(new Problem(pointer, alias + ": not a domain (acme.com, or a URL of the company's site)"));
                }
                return;
            }
            FieldValues.Coerced stored = field.coerce(value);
            if (stored.accepted()) {
                values.put(alias, stored.value());
            } else {
                problems.add(new Problem(pointer, alias + " (" + field.type().id() + "): " + stored.reason()));
            }
        });
        return problems.isEmpty() ? new Checked(values, List.of()) : new Checked(Map.of(), problems);
    }
}
