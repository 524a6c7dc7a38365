package io.leadstream.gateway.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which CSV column feeds which contact field. By default a header finds its field the way other
 * systems export them: by alias or label, ignoring case, spaces and underscores ("First Name",
 * "first_name" and "firstname" all give {@code firstname}; Mautic's own exports already use
 * aliases). {@code map=Header:field} overrides one, {@code map=Header:-} drops it. A column that
 * finds no defined field is a problem before any row is read; an {@code email} column is required:
 * it is what rows are deduplicated by.
 */
public final class ImportColumns {
    public static final String EMAIL = "email";
    private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    /** Ids and timestamps of the system the file came from mean nothing here. */
    private static final List<String> FOREIGN = List.of("id", "date_added", "date_modified", "date_identified", "last_active");

    private final List<String> headers;
    private final String[] fieldByColumn;
    private final int emailColumn;

    private ImportColumns(List<String> headers, String[] fieldByColumn, int emailColumn) {
        this.headers = headers;
        this.fieldByColumn = fieldByColumn;
        this.emailColumn = emailColumn;
    }

    /**
     * The mapping for a header row; {@code overrides} maps a header (as written) to a field or "-";
     * {@code known} is every defined field, alias to label.
     */
    public static ImportColumns of(List<String> headers, Map<String, String> overrides, Map<String, String> known) throws InvalidImport {
        String[] fields = new String[headers.size()];
        Map<String, String> unused = new LinkedHashMap<>(overrides);
        int email = -1;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i).strip();
            String override = unused.remove(header);
            String field = override != null ? override : field(alias(header), known);
            if (override == null && FOREIGN.contains(field)) {
                field = "-";
            }
            if (field.equals("-") || field.isEmpty()) {
                continue;
            }
            if (!FIELD.matcher(field).matches()) {
                problems.add("column " + (i + 1) + " (" + header + "): '" + field
                        + "' is not a field alias (lower-case letters, digits, _); map it with map=" + header + ":alias or drop it with map=" + header + ":-");
                continue;
            }
            if (!known.containsKey(field)) {
                problems.add("column " + (i + 1) + " (" + header + "): no contact field '" + field + "' is defined; define it at /api/v1/fields/"
                        + field + ", map it with map=" + header + ":alias or drop it with map=" + header + ":-");
                continue;
            }
            for (int j = 0; j < i; j++) {
                if (field.equals(fields[j])) {
                    problems.add("columns " + (j + 1) + " and " + (i + 1) + " both map to field " + field);
                }
            }
            fields[i] = field;
            if (field.equals(EMAIL)) {
                email = i;
            }
        }
        unused.keySet().forEach(h -> problems.add("map names column '" + h + "', which the header does not have"));
        if (email < 0 && problems.isEmpty()) {
            problems.add("no email column: rows are matched to contacts by email (map=YourHeader:email)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidImport(problems);
        }
        return new ImportColumns(List.copyOf(headers), fields, email);
    }

    /** The defined field {@code alias} names: itself, else the one whose alias or label reads the same without underscores. */
    static String field(String alias, Map<String, String> known) {
        if (known.containsKey(alias)) {
            return alias;
        }
        String squashed = alias.replace("_", "");
        for (Map.Entry<String, String> f : known.entrySet()) {
            if (f.getKey().replace("_", "").equals(squashed) || alias(f.getValue()).replace("_", "").equals(squashed)) {
                return f.getKey();
            }
        }
        return alias;
    }

    /** "First Name" -> first_name; a leading byte-order mark (Excel) is dropped. */
    static String alias(String header) {
        String h = header.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
        return h.replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    }

    public int size() {
        return headers.size();
    }

    public int emailColumn() {
        return emailColumn;
    }

    /** The field of column i, or null when the column is dropped. */
    public String field(int column) {
        return fieldByColumn[column];
    }

    /** header -> field (null: dropped), for the job's summary. */
    public Map<String, String> summary() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            m.put(headers.get(i).replace("\uFEFF", "").strip(), fieldByColumn[i]);
        }
        return m;
    }

    /** The header row cannot be imported; every reason at once. */
    public static final class InvalidImport extends Exception {
        private final List<String> problems;

        public InvalidImport(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
