package io.leadstream.common.config;

/**
 * Options a module declares for itself, outside {@code common}: {@link AllOptions} finds them with
 * {@link java.util.ServiceLoader} (a {@code META-INF/services/io.leadstream.common.config.ModuleOptions}
 * file in the module), so a process reads the environment variables of every module on its
 * classpath and of no other, and {@code common} depends on none of them.
 */
public interface ModuleOptions {
    /** The class whose public static {@link ConfigOption} fields are the module's options. */
    Class<?> holder();
}
