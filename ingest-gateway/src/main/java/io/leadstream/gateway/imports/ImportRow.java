package io.leadstream.gateway.imports;

import io.leadstream.common.email.EmailAddresses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One data row of a CSV file made into contact fields, or the reason it cannot be. */
public record ImportRow(long line, String email, Map<String, String> fields, String rejection) {

    public boolean rejected() {
        return rejection != null;
    }

    /** The row starting at {@code line}: every mapped, non-empty value becomes a field. */
    public static ImportRow of(long line, List<String> values, ImportColumns columns, int maxFieldLength) {
        if (values.size() != columns.size()) {
            return reject(line, "expected " + columns.size() + " columns, found " + values.size());
        }
        String email = values.get(columns.emailColumn()).strip();
        if (email.isEmpty()) {
            return reject(line, "email is empty");
        }
        if (!EmailAddresses.looksValid(email)) {
            return reject(line, "email is not an address: " + shorten(email));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            String field = columns.field(i);
            String value = values.get(i).strip();
            if (field == null || value.isEmpty()) {
                continue;
            }
            if (value.length() > maxFieldLength) {
                return reject(line, field + " is longer than " + maxFieldLength + " characters");
            }
            fields.put(field, value);
        }
        return new ImportRow(line, email, fields, null);
    }

    public static ImportRow reject(long line, String reason) {
        return new ImportRow(line, null, Map.of(), reason);
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
