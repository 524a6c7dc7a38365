package io.leadstream.common.config;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Options a module declares for itself, outside {@code common}: {@link AllOptions} finds them with
 * {@link java.util.ServiceLoader} (a {@code META-INF/services/io.leadstream.common.config.ModuleOptions}
 * file in the module), so a process reads the environment variables of every module on its
 * classpath and of no other, and {@code common} depends on none of them.
 */
public interface ModuleOptions {
    /** The class whose public static {@link ConfigOption} fields are the module's options. */
    Class<?> holder();

    /**
     * The namespaces this module owns: where it runs, a key of one of them must be one of its options. By
     * default those of its options' keys; a module that reads a few of another's keys owns none of them.
     */
    default Set<String> namespaces() {
        return AllOptions.of(holder()).stream().map(o -> AllOptions.namespace(o.key())).collect(Collectors.toSet());
    }
}
