package io.leadstream.bench.gateway;

import io.leadstream.bench.ProcessCpu;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the machine's CPU went during a measurement window, in cores: the driver's event loops,
 * the server's event loops, the gateway's Kafka producer thread, the rest of this JVM's threads,
 * the JVM's own native threads (GC, JIT) and the broker's child JVM. On a 2-core box the driver
 * competes with the server, and this shows by how much.
 */
final class CpuMeter {
    static final String DRIVER = "driver";
    static final String SERVER = "server-loops";
    static final String PRODUCER = "kafka-producer";
    static final String OTHER = "other-threads";
    static final String GC = "gc";
    static final String JIT = "jit";
    static final String VM = "jvm-other";
    static final String BROKER = "kafka-broker";
    static final String ELSEWHERE = "other-processes";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Set<Long> driverThreads = ConcurrentHashMap.newKeySet();
    private final long brokerPid;

    CpuMeter(long brokerPid) {
        this.brokerPid = brokerPid;
        if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
    }

    /** Called on each driver event loop so its CPU is told apart from the servers'. */
    void markDriverThread() {
        driverThreads.add(Thread.currentThread().getId());
    }

    Snapshot snapshot() {
        Map<String, Long> byCategory = new LinkedHashMap<>();
        for (String c : new String[] {DRIVER, SERVER, PRODUCER, OTHER}) {
            byCategory.put(c, 0L);
        }
        long javaThreads = 0;
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        Map<Long, Long> perThread = new LinkedHashMap<>();
        Map<Long, String> names = new LinkedHashMap<>();
        Map<String, Long> allocated = new LinkedHashMap<>();
        Map<String, Long> user = new LinkedHashMap<>();
        com.sun.management.ThreadMXBean allocations = threads instanceof com.sun.management.ThreadMXBean t ? t : null;
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(ids[i]);
            if (cpu < 0) {
                continue;
            }
            perThread.put(ids[i], cpu);
            names.put(ids[i], infos[i].getThreadName());
            String category = category(ids[i], infos[i].getThreadName());
            byCategory.merge(category, cpu, Long::sum);
            long userTime = threads.getThreadUserTime(ids[i]);
            if (userTime >= 0) {
                user.merge(category, userTime, Long::sum);
            }
            if (allocations != null) {
                long bytes = allocations.getThreadAllocatedBytes(ids[i]);
                if (bytes > 0) {
                    allocated.merge(category, bytes, Long::sum);
                }
            }
            javaThreads += cpu;
        }
        return new Snapshot(System.nanoTime(), os.getProcessCpuTime(), javaThreads, byCategory, perThread,
                names, brokerCpuNanos(), machineBusyNanos(), nativeThreadsNanos(), allocated, gcCount(), user);
    }

    private String category(long id, String name) {
        if (driverThreads.contains(id)) {
            return DRIVER;
        }
        if (name.startsWith("vert.x-eventloop-thread") || name.startsWith("vert.x-acceptor-thread")
                || name.startsWith("bare-vert.x-eventloop-thread")) {
            return SERVER;
        }
        if (name.startsWith("kafka-producer-network-thread")) {
            return PRODUCER;
        }
        return OTHER;
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionCount).filter(c -> c > 0).sum();
    }

    /** CPU of the JVM's own threads (GC, JIT), by kind, from /proc/self/task: ThreadMXBean does not see them. */
    private static Map<String, Long> nativeThreadsNanos() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put(GC, 0L);
        out.put(JIT, 0L);
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String kind = comm.startsWith("GC Thread") || comm.startsWith("G1 ") ? GC
                            : comm.startsWith("C2 Compiler") || comm.startsWith("C1 Compiler") ? JIT : null;
                    if (kind != null) {
                        out.merge(kind, ProcessCpu.statNanos(stat), Long::sum);
                    }
                } catch (Exception ignored) {
                    // the thread ended meanwhile
                }
            });
        } catch (Exception ignored) {
            // not Linux: GC and JIT stay in jvm-other
        }
        return out;
    }

    /** CPU time of the whole machine, all processes (and the kernel's own work), from /proc/stat. */
    private static long machineBusyNanos() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return ProcessCpu.ticksToNanos(busy);
        } catch (Exception e) {
            return 0;
        }
    }

    private long brokerCpuNanos() {
        return ProcessCpu.nanos(brokerPid);
    }

    record Snapshot(long wallNanos, long processCpu, long javaThreadsCpu, Map<String, Long> byCategory,
                    Map<Long, Long> perThread, Map<Long, String> names, long brokerCpu,
                    long machineBusy, Map<String, Long> nativeThreads, Map<String, Long> allocated, long gcs,
                    Map<String, Long> userCpu) {

        /** Share of a category's CPU spent in the kernel (system time: syscalls, loopback TCP) in the window. */
        double systemShareSince(Snapshot start, String category) {
            double total = byCategory.getOrDefault(category, 0L) - start.byCategory.getOrDefault(category, 0L);
            double userPart = userCpu.getOrDefault(category, 0L) - start.userCpu.getOrDefault(category, 0L);
            return total <= 0 ? Double.NaN : Math.max(0, 1 - userPart / total);
        }

        /** Bytes allocated by a category's threads between {@code start} and this snapshot. */
        long allocatedSince(Snapshot start, String category) {
            return allocated.getOrDefault(category, 0L) - start.allocated.getOrDefault(category, 0L);
        }

        /** Cores used per category between {@code start} and this snapshot. */
        Map<String, Double> coresSince(Snapshot start) {
            double wall = wallNanos - start.wallNanos;
            Map<String, Double> out = new LinkedHashMap<>();
            // Threads that started during the window count from zero: the same thread ids in both maps otherwise.
            for (Map.Entry<String, Long> e : byCategory.entrySet()) {
                out.put(e.getKey(), (e.getValue() - start.byCategory.getOrDefault(e.getKey(), 0L)) / wall);
            }
            double gc = (nativeThreads.get(GC) - start.nativeThreads.get(GC)) / wall;
            double jit = (nativeThreads.get(JIT) - start.nativeThreads.get(JIT)) / wall;
            double vm = ((processCpu - start.processCpu) - (javaThreadsCpu - start.javaThreadsCpu)) / wall - gc - jit;
            out.put(GC, gc);
            out.put(JIT, jit);
            out.put(VM, Math.max(0, vm));
            out.put(BROKER, (brokerCpu - start.brokerCpu) / wall);
            // Everyone else on the machine (other builds, the kernel's softirq work for loopback traffic...).
            double elsewhere = ((machineBusy - start.machineBusy) - (processCpu - start.processCpu)
                    - (brokerCpu - start.brokerCpu)) / wall;
            out.put(ELSEWHERE, Math.max(0, elsewhere));
            return out;
        }

        /** The busiest threads of this JVM in the window, as "name=cores". */
        java.util.List<String> topThreads(Snapshot start, int n) {
            double wall = wallNanos - start.wallNanos;
            return perThread.entrySet().stream()
                    .map(e -> Map.entry(names.get(e.getKey()),
                            (e.getValue() - start.perThread.getOrDefault(e.getKey(), 0L)) / wall))
                    .filter(e -> e.getValue() >= 0.005)
                    .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                    .limit(n)
                    .map(e -> e.getKey() + "=" + String.format(java.util.Locale.ROOT, "%.2f", e.getValue()))
                    .toList();
        }
    }
}
