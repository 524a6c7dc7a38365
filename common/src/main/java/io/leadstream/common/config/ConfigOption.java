package io.leadstream.common.config;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * A typed configuration key with its default and a description, in the spirit of Flink's
 * {@code ConfigOption}: options are declared once as constants, never as loose strings.
 *
 * <p>The key is a dotted path ({@code kafka.bootstrap-servers}); the same key is read from the
 * config file and from the environment as {@code LEADSTREAM_KAFKA_BOOTSTRAP_SERVERS}, so local
 * and distributed mode share one vocabulary.
 */
public final class ConfigOption<T> {
    private final String key;
    private final T defaultValue;
    private final String description;
    private final Function<String, T> parser;
    private final Function<T, String> formatter;

    private ConfigOption(String key, T defaultValue, String description, Function<String, T> parser,
                         Function<T, String> formatter) {
        this.key = Objects.requireNonNull(key);
        this.defaultValue = defaultValue;
        this.description = Objects.requireNonNull(description);
        this.parser = Objects.requireNonNull(parser);
        this.formatter = Objects.requireNonNull(formatter);
    }

    public static Builder key(String key) {
        return new Builder(key);
    }

    public String key() {
        return key;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** The environment variable that overrides this option. */
    public String envName() {
        return "LEADSTREAM_" + key.toUpperCase().replace('.', '_').replace('-', '_');
    }

    T parse(String raw) {
        try {
            return parser.apply(raw.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "Invalid value '" + raw + "' for option " + key + " (" + description + ")", e);
        }
    }

    /** The text form that {@link #parse} reads back to the same value. */
    String format(T value) {
        return formatter.apply(value);
    }

    @Override
    public String toString() {
        return key;
    }

    /** Step builder: {@code ConfigOption.key("x").intType().defaultValue(1).withDescription("...")}. */
    public static final class Builder {
        private final String key;

        private Builder(String key) {
            this.key = key;
        }

        public TypedBuilder<String> stringType() {
            return new TypedBuilder<>(key, s -> s);
        }

        public TypedBuilder<Integer> intType() {
            return new TypedBuilder<>(key, Integer::valueOf);
        }

        public TypedBuilder<Long> longType() {
            return new TypedBuilder<>(key, Long::valueOf);
        }

        public TypedBuilder<Double> doubleType() {
            return new TypedBuilder<>(key, Double::valueOf);
        }

        public TypedBuilder<Boolean> booleanType() {
            return new TypedBuilder<>(key, Builder::parseBoolean);
        }

        /** Durations in HOCON style: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, {@code 3d}. */
        public TypedBuilder<Duration> durationType() {
            return new TypedBuilder<>(key, Durations::parse, d -> d.toMillis() + "ms");
        }

        private static Boolean parseBoolean(String s) {
            if (s.equalsIgnoreCase("true") || s.equals("1") || s.equalsIgnoreCase("yes")) {
                return true;
            }
            if (s.equalsIgnoreCase("false") || s.equals("0") || s.equalsIgnoreCase("no")) {
                return false;
            }
            throw new IllegalArgumentException("not a boolean: " + s);
        }
    }

    public static final class TypedBuilder<T> {
        private final String key;
        private final Function<String, T> parser;
        private final Function<T, String> formatter;
        private T defaultValue;

        private TypedBuilder(String key, Function<String, T> parser) {
            this(key, parser, String::valueOf);
        }

        private TypedBuilder(String key, Function<String, T> parser, Function<T, String> formatter) {
            this.key = key;
            this.parser = parser;
            this.formatter = formatter;
        }

        public TypedBuilder<T> defaultValue(T value) {
            this.defaultValue = value;
            return this;
        }

        /** An option without a default: reading it unset fails with a message naming the key. */
        public TypedBuilder<T> noDefaultValue() {
            this.defaultValue = null;
            return this;
        }

        public ConfigOption<T> withDescription(String description) {
            return new ConfigOption<>(key, defaultValue, description, parser, formatter);
        }
    }
}
