package io.leadstream.common.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Stops a start on a configuration mistake, naming the key: a key (or {@code LEADSTREAM_*} variable)
 * no option has, which would otherwise leave the default in force without a word, and a value its
 * option cannot read, which would otherwise fail later, or only on the code path that reads it.
 *
 * <p>One file and one environment often serve every process (the compose file, a Kubernetes config
 * map), so a key of a namespace whose module this process does not run (a gateway reading
 * {@code worker.*}) is another process's and passes; a key of a namespace this process reads, or of
 * no LeadStream namespace at all, must be an option.
 */
final class ConfigCheck {
    private static final String ENV_PREFIX = "LEADSTREAM_";
    private static final LevenshteinDistance DISTANCE = new LevenshteinDistance(4);

    private final List<ConfigOption<?>> options;
    private final Set<String> namespacesRead;

    ConfigCheck(Iterable<ConfigOption<?>> known, Set<String> namespacesRead) {
        this.options = new ArrayList<>();
        known.forEach(options::add);
        this.namespacesRead = Set.copyOf(namespacesRead);
    }

    /** The file's keys and values; {@code file} only names them in a message. */
    void file(Map<String, String> values, Path file) {
        Map<String, ConfigOption<?>> byKey = index(ConfigOption::key);
        values.forEach((key, value) -> {
            ConfigOption<?> option = byKey.get(key);
            String where = "in " + file;
            if (option != null) {
                parse(option, value, "'" + key + "' " + where);
            } else if (mustBeKnown(AllOptions.namespace(key))) {
                throw new InvalidConfigException("Unknown configuration key '" + key + "' " + where
                        + suggestion(key, ConfigOption::key));
            }
        });
    }

    /** The process environment: variables of LeadStream's namespaces only (LEADSTREAM_CONFIG and the scripts' own pass). */
    void environment(Map<String, String> env) {
        Map<String, ConfigOption<?>> byName = index(ConfigOption::envName);
        env.forEach((name, value) -> {
            if (!name.startsWith(ENV_PREFIX) || value == null || value.isBlank()) {
                return;
            }
            ConfigOption<?> option = byName.get(name);
            if (option != null) {
                parse(option, value, "environment variable " + name + " ('" + option.key() + "')");
                return;
            }
            String first = name.substring(ENV_PREFIX.length()).split("_", 2)[0].toLowerCase(Locale.ROOT);
            if (AllOptions.NAMESPACES.contains(first) && namespacesRead.contains(first)) {
                throw new InvalidConfigException("Unknown environment variable " + name + suggestion(name, ConfigOption::envName));
            }
        });
    }

    private boolean mustBeKnown(String namespace) {
        return namespacesRead.contains(namespace) || !AllOptions.NAMESPACES.contains(namespace);
    }

    private static void parse(ConfigOption<?> option, String value, String what) {
        try {
            option.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("Bad value '" + value + "' for " + what + ": " + reason(e) + " (" + option.description() + ")");
        }
    }

    private static String reason(IllegalArgumentException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private String suggestion(String given, Function<ConfigOption<?>, String> name) {
        // The distance is -1 past its threshold: no suggestion is better than a far one.
        Optional<Map.Entry<String, Integer>> closest = options.stream().map(name).map(c -> Map.entry(c, DISTANCE.apply(given, c)))
                .filter(c -> c.getValue() >= 0).min(Map.Entry.comparingByValue());
        return closest.map(c -> "; did you mean '" + c.getKey() + "'?").orElse(" (README.md, Configuration, lists the options)");
    }

    private Map<String, ConfigOption<?>> index(Function<ConfigOption<?>, String> name) {
        Map<String, ConfigOption<?>> out = new HashMap<>();
        options.forEach(o -> out.put(name.apply(o), o));
        return out;
    }
}
