package io.leadstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A JVM's CPU so far split into the JIT compilers, the garbage collector and the rest, from the
 * names HotSpot gives its native threads in /proc (Linux). The JIT's share tells a short
 * benchmark's warm-up cost from the steady cost a system running for days pays.
 */
public final class JvmThreadKinds {
    public static final String JIT = "jit";
    public static final String GC = "gc";
    /** The whole process, threads that ended included (their time stays in the process's own line). */
    public static final String ALL = "all";

    private JvmThreadKinds() {}

    public static Map<String, Long> nanos(long pid) {
        Map<String, Long> out = new LinkedHashMap<>(Map.of(JIT, 0L, GC, 0L, ALL, ProcessCpu.nanos(pid)));
        if (pid <= 0) {
            return out;
        }
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String kind = kind(comm);
                    if (kind != null) {
                        out.merge(kind, ProcessCpu.statNanos(stat), Long::sum);
                    }
                } catch (IOException | RuntimeException gone) {
                    // a thread that ended between the listing and the read used nothing more
                }
            });
        } catch (IOException | RuntimeException gone) {
            // a process that ended has no threads to split
        }
        return out;
    }

    /** HotSpot's names (null for any other thread), cut to the kernel's 15 characters: "C2 CompilerThre", "GC Thread#0", "G1 Conc#0", "G1 Refine#0". */
    static String kind(String comm) {
        if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
            return JIT;
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.equals("VM Thread")) {
            return GC;
        }
        return null;
    }
}
