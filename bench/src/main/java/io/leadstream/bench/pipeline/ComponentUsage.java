package io.leadstream.bench.pipeline;

import io.leadstream.bench.BenchSmtpServer;
import io.leadstream.bench.JvmThreadKinds;
import io.leadstream.bench.ProcessCpu;
import io.leadstream.stack.ProcessMemory;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * CPU and memory of each part of the system. The child processes (Kafka, Cassandra, the gateway,
 * the workers, the load driver) are measured from /proc; this JVM holds the engine (the Flink
 * MiniCluster) and the SMTP server, told apart by thread: the SMTP server's threads ({@link BenchSmtpServer#cpuNanos}) are subtracted,
 * and so is the thread that reads the driver's log (the driver's share), and what remains is the
 * engine's (with this JVM's GC and JIT). The load driver is not part of the system: {@link #ALL}
 * leaves it out.
 */
final class ComponentUsage {
    static final String ENGINE = "engine (Flink, + JVM GC/JIT)";
    static final String DRIVER = "load driver";
    static final String SMTP = "SMTP server";
    static final String ALL = "all (without the load driver and the SMTP server)";

    private final PipelineSystem system;
    private final LongSupplier driverPid;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    ComponentUsage(PipelineSystem system, LongSupplier driverPid) {
        this.system = system;
        this.driverPid = driverPid;
    }

    /** CPU nanoseconds so far per component. */
    Map<String, Long> cpu() {
        Map<String, Long> out = new LinkedHashMap<>();
        long smtp = system.smtp().cpuNanos();
        long driverReader = 0;
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && infos[i].getThreadName().equals(DriverProcess.READER_THREAD)) {
                driverReader += Math.max(0, threads.getThreadCpuTime(ids[i]));
            }
        }
        out.put("gateway", ProcessCpu.nanos(system.gateway().pid()));
        out.put("kafka", ProcessCpu.nanos(system.stack().kafka().pid()));
        out.put(ENGINE, ProcessCpu.selfNanos() - driverReader - smtp);
        out.put("cassandra", ProcessCpu.nanos(system.stack().cassandra().pid()));
        long workers = 0;
        for (int i = 0; i < system.workerCount(); i++) {
            workers += ProcessCpu.nanos(system.worker(i).pid());
        }
        out.put("send workers (" + system.workerCount() + " processes)", workers);
        out.put(SMTP, smtp);
        out.put(DRIVER, ProcessCpu.nanos(driverPid.getAsLong()) + driverReader);
        return out;
    }

    /**
     * JIT, GC and whole-process CPU nanoseconds so far per process of the system, by the names of the JVM's
     * native threads. The engine's JVM also runs the SMTP server and the driver's log reader.
     */
    Map<String, Map<String, Long>> jvmThreadKinds() {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        out.put("gateway", JvmThreadKinds.nanos(system.gateway().pid()));
        out.put("kafka", JvmThreadKinds.nanos(system.stack().kafka().pid()));
        out.put(ENGINE, JvmThreadKinds.nanos(ProcessHandle.current().pid()));
        out.put("cassandra", JvmThreadKinds.nanos(system.stack().cassandra().pid()));
        for (int i = 0; i < system.workerCount(); i++) {
            out.put("send worker " + i, JvmThreadKinds.nanos(system.worker(i).pid()));
        }
        return out;
    }

    /** Each process's JIT and GC share of its CPU between two {@link #jvmThreadKinds()} readings. */
    static JsonObject jvmShares(Map<String, Map<String, Long>> from, Map<String, Map<String, Long>> to) {
        JsonObject out = new JsonObject();
        to.forEach((process, kinds) -> {
            Map<String, Long> before = from.getOrDefault(process, Map.of());
            Map<String, Long> used = new LinkedHashMap<>();
            kinds.forEach((kind, nanos) -> used.put(kind, nanos - before.getOrDefault(kind, 0L)));
            double all = Math.max(1, used.get(JvmThreadKinds.ALL));
            out.put(process, new JsonObject()
                    .put("jitShare", Math.round(used.get(JvmThreadKinds.JIT) / all * 1000) / 1000.0)
                    .put("gcShare", Math.round(used.get(JvmThreadKinds.GC) / all * 1000) / 1000.0));
        });
        return out;
    }

    /**
     * The sum over the system's components: everything but the load driver and the SMTP server,
     * which stand for the visitors and the recipients' mail servers.
     */
    static double all(Map<String, Double> perComponent) {
        return perComponent.entrySet().stream().filter(e -> !e.getKey().equals(DRIVER) && !e.getKey().equals(SMTP))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** Resident memory now per process, in bytes; this JVM's is the engine's and the SMTP server's. */
    Map<String, Long> rss() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("gateway", ProcessMemory.rssBytes(system.gateway().pid()));
        out.put("kafka", ProcessMemory.rssBytes(system.stack().kafka().pid()));
        out.put(ENGINE + ", SMTP (one JVM)", ProcessMemory.selfRssBytes());
        out.put("cassandra", ProcessMemory.rssBytes(system.stack().cassandra().pid()));
        long workers = 0;
        for (int i = 0; i < system.workerCount(); i++) {
            workers += ProcessMemory.rssBytes(system.worker(i).pid());
        }
        out.put("send workers (" + system.workerCount() + " processes)", workers);
        out.put(DRIVER, ProcessMemory.rssBytes(driverPid.getAsLong()));
        return out;
    }

    /** CPU nanoseconds so far of each thread of this JVM, by thread id, with the thread's name now. */
    record ThreadTimes(Map<Long, Long> cpu, Map<Long, String> names) {}

    /** Each thread's CPU so far (Flink names a task's thread after its operators). */
    ThreadTimes threadCpu() {
        Map<Long, Long> cpu = new LinkedHashMap<>();
        Map<Long, String> names = new LinkedHashMap<>();
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long used = threads.getThreadCpuTime(ids[i]);
            if (infos[i] != null && used > 0) {
                cpu.put(ids[i], used);
                names.put(ids[i], infos[i].getThreadName());
            }
        }
        return new ThreadTimes(cpu, names);
    }

    /**
     * The {@code n} threads that used most CPU between two {@link #threadCpu()} readings, as "name":
     * cores. Told apart by id: a thread renamed in between (an SMTP session names its thread while
     * it lasts) is still one thread, not a new one whose whole life would count in the window.
     */
    static JsonObject busiest(ThreadTimes from, ThreadTimes to, double seconds, int n) {
        Map<String, Long> byName = new LinkedHashMap<>();
        to.cpu().forEach((id, used) -> byName.merge(to.names().get(id), used - from.cpu().getOrDefault(id, 0L), Long::sum));
        JsonObject out = new JsonObject();
        byName.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .limit(n)
                .forEach(e -> out.put(e.getKey(), Math.round(e.getValue() / 1e9 / seconds * 1000) / 1000.0));
        return out;
    }

    /** Cores used per component between two {@link #cpu()} readings {@code seconds} apart. */
    static Map<String, Double> cores(Map<String, Long> from, Map<String, Long> to, double seconds) {
        Map<String, Double> out = new LinkedHashMap<>();
        to.forEach((k, v) -> out.put(k, (v - from.getOrDefault(k, 0L)) / 1e9 / seconds));
        return out;
    }
}
