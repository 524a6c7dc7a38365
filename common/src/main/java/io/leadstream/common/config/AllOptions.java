package io.leadstream.common.config;

import io.leadstream.common.ids.IdentityOptions;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Every option, found from the option holder classes, for env mapping and documentation: those of
 * {@code common} and those the modules on the classpath declare ({@link ModuleOptions}).
 */
public final class AllOptions {
    private static final List<Class<?>> HOLDERS = List.of(KafkaOptions.class, CassandraOptions.class, IdentityOptions.class);
    /** The namespaces {@code common}'s own options own (IdentityOptions' key is the engine's). */
    private static final Set<String> COMMON_NAMESPACES = Set.of("kafka", "cassandra");

    /**
     * The first segment of every option's key, also of modules a process may not have on its classpath:
     * a shared file may hold another process's keys, but no key outside these ({@link ConfigCheck}).
     */
    public static final Set<String> NAMESPACES = Set.of("api", "auth", "cassandra", "email", "engine", "gateway", "kafka", "local", "worker");

    private AllOptions() {}

    public static List<ConfigOption<?>> list() {
        List<Class<?>> holders = new ArrayList<>(HOLDERS);
        ServiceLoader.load(ModuleOptions.class).forEach(m -> holders.add(m.holder()));
        List<ConfigOption<?>> out = new ArrayList<>();
        holders.forEach(h -> out.addAll(of(h)));
        return out;
    }

    /** The namespaces whose keys this process must know: common's and those of the modules on its classpath. */
    public static Set<String> namespacesRead() {
        Set<String> read = new HashSet<>(COMMON_NAMESPACES);
        ServiceLoader.load(ModuleOptions.class).forEach(m -> read.addAll(m.namespaces()));
        return read;
    }

    /** The public static options of one holder class. */
    static List<ConfigOption<?>> of(Class<?> holder) {
        List<ConfigOption<?>> out = new ArrayList<>();
        for (Field f : holder.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && ConfigOption.class.isAssignableFrom(f.getType())) {
                try {
                    out.add((ConfigOption<?>) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }

    /** A key's namespace: its first segment ({@code engine} of {@code engine.parallelism}). */
    public static String namespace(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }

    /** Loads file + process environment for every known option. */
    public static LeadStreamConfig load(java.nio.file.Path file) {
        return LeadStreamConfig.load(file, System.getenv(), list(), namespacesRead());
    }
}
