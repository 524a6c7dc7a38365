package io.leadstream.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server (Kafka, Cassandra) run in its own JVM with its own classpath, so its dependencies
 * never clash with ours and it can be killed and restarted like a real node.
 *
 * <p>The classpath comes from a resource written at build time by a {@code stack-runtime-*}
 * module. Output goes to a log file; the child is destroyed when this JVM exits.
 */
public final class ChildJvm implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChildJvm.class);
    /**
     * Extra JVM options for every child, {@code {name}} replaced by the child's name: a profiler
     * agent, say ({@code -agentpath:.../libasyncProfiler.so=start,event=itimer,file=/tmp/{name}.collapsed,collapsed}).
     * JAVA_TOOL_OPTIONS is not passed on: the children must not inherit what was meant for the parent.
     */
    static final String EXTRA_OPTIONS = "LEADSTREAM_CHILD_JAVA_OPTS";

    private final String name;
    private final List<String> command;
    private final Path logFile;
    private final Map<String, String> environment;
    private Process process;
    private Thread shutdownHook;

    ChildJvm(String name, List<String> prefix, List<String> jvmArgs, String classpathResource,
             String mainClass, List<String> args, Path logFile) {
        this(name, prefix, jvmArgs, readResource(classpathResource), mainClass, args, Map.of(), logFile);
    }

    /** A server from a {@code stack-runtime-*} classpath resource, configured through {@code environment} too. */
    static ChildJvm ofResource(String name, List<String> jvmArgs, String classpathResource, String mainClass, List<String> args,
                               Map<String, String> environment, Path logFile) {
        return new ChildJvm(name, List.of(), jvmArgs, readResource(classpathResource), mainClass, args, environment, logFile);
    }

    private ChildJvm(String name, List<String> prefix, List<String> jvmArgs, String classpath,
                     String mainClass, List<String> args, Map<String, String> environment, Path logFile) {
        this.name = name;
        this.logFile = logFile;
        this.environment = Map.copyOf(environment);
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(javaBinary());
        cmd.addAll(jvmArgs);
        cmd.addAll(extraOptions(System.getenv(EXTRA_OPTIONS), name));
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(args);
        this.command = List.copyOf(cmd);
    }

    /**
     * One of our own processes (a gateway, a send-worker process) on this JVM's classpath, configured
     * through {@code environment} ({@code LEADSTREAM_CONFIG}, {@code LEADSTREAM_*}): the distributed
     * deployment's shape on one machine, so a benchmark can measure and kill each part.
     */
    public static ChildJvm ofThisClasspath(String name, List<String> jvmArgs, String mainClass, List<String> args,
                                           Map<String, String> environment, Path logFile) {
        return ofThisClasspath(name, CpuPriority.NORMAL, jvmArgs, mainClass, args, environment, logFile);
    }

    /** As {@link #ofThisClasspath(String, List, String, List, Map, Path)}, sharing the CPU at {@code priority}. */
    public static ChildJvm ofThisClasspath(String name, CpuPriority priority, List<String> jvmArgs, String mainClass, List<String> args,
                                           Map<String, String> environment, Path logFile) {
        return new ChildJvm(name, priority.prefix(), jvmArgs, System.getProperty("java.class.path"), mainClass, args, environment, logFile);
    }

    static List<String> extraOptions(String value, String name) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.trim().split("\\s+")).map(o -> o.replace("{name}", name)).toList();
    }

    /** A resource written at build time, stripped: a classpath (maven-dependency-plugin's build-classpath goal), JVM flags. */
    static String readResource(String resource) {
        try (InputStream in = ChildJvm.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + resource + ": build the stack-runtime modules and embedded-stack first (mvn install)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first classpath entry whose file name starts with {@code prefix} (e.g. a java agent). */
    static Path jarOnClasspath(String resource, String prefix) {
        for (String entry : readResource(resource).split(java.io.File.pathSeparator)) {
            Path p = Paths.get(entry);
            if (p.getFileName().toString().startsWith(prefix)) {
                return p;
            }
        }
        throw new IllegalStateException("No " + prefix + "* jar in " + resource);
    }

    static String javaBinary() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    public synchronized ChildJvm start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            builder.environment().putAll(environment);
            process = builder.start();
            LOG.info("Started {} (pid {}), log {}", name, process.pid(), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
        Process started = process;
        shutdownHook = new Thread(() -> destroy(started, 5), name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        return this;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process == null ? -1 : process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    /** Fails fast with the log's tail when the child died during start-up. */
    public void checkAlive() {
        if (!isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail(40));
        }
    }

    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Graceful stop (SIGTERM), then SIGKILL after the grace period. */
    public synchronized void stop(int graceSeconds) {
        if (process != null) {
            destroy(process, graceSeconds);
            removeHook();
        }
    }

    /** Simulates a crash: SIGKILL, no shutdown. */
    public synchronized void kill() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            waitFor(process, 30);
            removeHook();
        }
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // already shutting down
        }
    }

    private static void destroy(Process p, int graceSeconds) {
        if (!p.isAlive()) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        if (!waitFor(p, graceSeconds)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            waitFor(p, 30);
        }
    }

    private static boolean waitFor(Process p, int seconds) {
        try {
            return p.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        stop(10);
    }
}
