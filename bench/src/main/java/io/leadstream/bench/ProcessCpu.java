package io.leadstream.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time a process used so far (user and system), from /proc (Linux); 0 where unavailable. */
public final class ProcessCpu {
    private static final long NANOS_PER_TICK = 1_000_000_000L / 100; // Linux USER_HZ

    private ProcessCpu() {}

    public static long nanos(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            return statNanos(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (Exception e) {
            return 0;
        }
    }

    /** The user and system time in a {@code /proc/<pid>/stat} or {@code /proc/<pid>/task/<tid>/stat} line. */
    public static long statNanos(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after "pid (comm) ": state=0 ... utime=11 stime=12
        return ticksToNanos(Long.parseLong(f[11]) + Long.parseLong(f[12]));
    }

    /** Clock ticks, the unit of /proc's CPU times, in nanoseconds. */
    public static long ticksToNanos(long ticks) {
        return ticks * NANOS_PER_TICK;
    }

    public static long selfNanos() {
        return nanos(ProcessHandle.current().pid());
    }
}
