package io.leadstream.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How a child process shares the CPU on one machine (its Linux niceness): the parts on a visitor's
 * answer path (the gateway and the Kafka broker it waits on) before the ones that work behind it
 * (Cassandra, the send workers), so a hit's answer does not wait behind a compaction or a batch of
 * emails. A higher priority needs privileges (root or CAP_SYS_NICE); without them the process runs
 * at the normal one. On separate machines or containers, CPU shares do the same.
 */
public enum CpuPriority {
    FRONT(-5),
    NORMAL(0),
    BACKGROUND(5);

    private static final Path NICE = Path.of("/usr/bin/nice");

    private final int niceness;

    CpuPriority(int niceness) {
        this.niceness = niceness;
    }

    /** The command prefix that starts a process at this priority (empty where it cannot). */
    public List<String> prefix() {
        boolean allowed = niceness >= 0 || "root".equals(System.getProperty("user.name"));
        if (niceness == 0 || !allowed || !Files.isExecutable(NICE)) {
            return List.of();
        }
        return List.of(NICE.toString(), "-n", Integer.toString(niceness));
    }
}
