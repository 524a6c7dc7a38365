package io.leadstream.jobs.definitions;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads definition documents into typed records; the gateway validated them against their JSON Schema. */
public final class DefinitionJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Pattern WEEKS = Pattern.compile("^P(\\d+)W(.*)$");

    private DefinitionJson() {}

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (Exception e) {
            throw new IllegalArgumentException("Not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An ISO-8601 duration as the schemas allow it (P7D, PT12H, P2W, P1W2D); null stays null. */
    public static Duration duration(String iso) {
        if (iso == null) {
            return null;
        }
        Matcher weeks = WEEKS.matcher(iso);
        if (weeks.matches()) {
            Duration rest = weeks.group(2).isEmpty() ? Duration.ZERO : Duration.parse("P" + weeks.group(2));
            return Duration.ofDays(7L * Long.parseLong(weeks.group(1))).plus(rest);
        }
        return Duration.parse(iso);
    }
}
