package io.leadstream.definitions;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Countries, languages and time zones as the JDK knows them (ISO 3166, ISO 639, the IANA database). */
final class Places {
    private static final Map<String, String> COUNTRIES = countries();
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());
    private static final Map<String, String> ZONES = zones();

    private Places() {}

    /** A country's English name, from that name, its ISO alpha-2 or alpha-3 code, any case. */
    static Optional<String> country(String v) {
        return Optional.ofNullable(COUNTRIES.get(v.toLowerCase(Locale.ROOT)));
    }

    static java.util.List<String> countryNames() {
        return COUNTRIES.values().stream().distinct().sorted().toList();
    }

    /** {@code ll} or {@code ll_CC} from any case and - or _. */
    static Optional<String> locale(String v) {
        String[] parts = v.replace('-', '_').split("_", -1);
        String language = parts[0].toLowerCase(Locale.ROOT);
        if (parts.length > 2 || !LANGUAGES.contains(language)) {
            return Optional.empty();
        }
        if (parts.length == 1) {
            return Optional.of(language);
        }
        String country = parts[1].toUpperCase(Locale.ROOT);
        return country.length() == 2 && COUNTRIES.containsKey(country.toLowerCase(Locale.ROOT))
                ? Optional.of(language + "_" + country) : Optional.empty();
    }

    /** An IANA zone name as the database spells it, from any case. */
    static Optional<String> zone(String v) {
        return Optional.ofNullable(ZONES.get(v.toLowerCase(Locale.ROOT)));
    }

    private static Map<String, String> countries() {
        Map<String, String> out = new HashMap<>();
        for (String code : Locale.getISOCountries()) {
            Locale place = new Locale.Builder().setRegion(code).build();
            String name = place.getDisplayCountry(Locale.ENGLISH);
            out.put(code.toLowerCase(Locale.ROOT), name);
            out.put(place.getISO3Country().toLowerCase(Locale.ROOT), name);
            out.put(name.toLowerCase(Locale.ROOT), name);
        }
        out.put("uk", out.get("gb"));
        return Map.copyOf(out);
    }

    private static Map<String, String> zones() {
        Map<String, String> out = new HashMap<>();
        ZoneId.getAvailableZoneIds().forEach(z -> out.put(z.toLowerCase(Locale.ROOT), z));
        return Map.copyOf(out);
    }
}
