package io.leadstream.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import java.io.File;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Immutable configuration: values by option key. Precedence (highest first): explicit
 * overrides, environment ({@code LEADSTREAM_*}), the config file, the option's default.
 *
 * <p>Serializable so a Flink job can carry it to its operators.
 */
public final class LeadStreamConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, String> values;

    private LeadStreamConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public static LeadStreamConfig empty() {
        return new LeadStreamConfig(Map.of());
    }

    /**
     * Loads the file (HOCON, JSON or properties; optional) and overlays the environment.
     * Environment variables are matched against the keys of {@code knownOptions}. An unknown key or a
     * value its option cannot read stops here, with an {@link InvalidConfigException} naming it ({@link ConfigCheck}).
     */
    public static LeadStreamConfig load(Path file, Map<String, String> env, Iterable<ConfigOption<?>> knownOptions) {
        Set<String> namespaces = new HashSet<>();
        knownOptions.forEach(o -> namespaces.add(AllOptions.namespace(o.key())));
        return load(file, env, knownOptions, namespaces);
    }

    /** As {@link #load(Path, Map, Iterable)}; a key is checked only in {@code namespacesRead}, the others are other processes'. */
    public static LeadStreamConfig load(Path file, Map<String, String> env, Iterable<ConfigOption<?>> knownOptions, Set<String> namespacesRead) {
        ConfigCheck check = new ConfigCheck(knownOptions, namespacesRead);
        Map<String, String> merged = new LinkedHashMap<>();
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new InvalidConfigException("Config file not found: " + file.toAbsolutePath());
            }
            Map<String, String> fromFile = flatten(ConfigFactory.parseFile(file.toFile(),
                    ConfigParseOptions.defaults().setAllowMissing(false)));
            check.file(fromFile, file);
            merged.putAll(fromFile);
        }
        check.environment(env);
        for (ConfigOption<?> option : knownOptions) {
            String fromEnv = env.get(option.envName());
            if (fromEnv != null && !fromEnv.isBlank()) {
                merged.put(option.key(), fromEnv);
            }
        }
        return new LeadStreamConfig(merged);
    }

    public static LeadStreamConfig fromMap(Map<String, String> values) {
        return new LeadStreamConfig(values);
    }

    private static Map<String, String> flatten(Config config) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : config.entrySet()) {
            Object raw = e.getValue().unwrapped();
            out.put(e.getKey(), String.valueOf(raw));
        }
        return out;
    }

    public <T> T get(ConfigOption<T> option) {
        String raw = values.get(option.key());
        if (raw == null) {
            if (option.defaultValue() == null) {
                throw new IllegalStateException("Missing required option " + option.key()
                        + " (env " + option.envName() + "): " + option.description());
            }
            return option.defaultValue();
        }
        return option.parse(raw);
    }

    public boolean contains(ConfigOption<?> option) {
        return values.containsKey(option.key());
    }

    public <T> LeadStreamConfig with(ConfigOption<T> option, T value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(option.key(), option.format(value));
        return new LeadStreamConfig(copy);
    }

    public LeadStreamConfig withAll(LeadStreamConfig overrides) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.putAll(overrides.values);
        return new LeadStreamConfig(copy);
    }

    public Map<String, String> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return values.toString();
    }

    /** Convenience for {@code --config FILE} arguments that may be absent. */
    public static Path optionalPath(String path) {
        return path == null || path.isBlank() ? null : new File(path).toPath();
    }
}
