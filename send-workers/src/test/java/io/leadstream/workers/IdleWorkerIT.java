package io.leadstream.workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An idle worker process, with the default scan interval and session timeout, costs next to
 * nothing: it waits on Kafka's fetch (5 s at the broker), heartbeats and a scan every 30 s, instead
 * of polling the outbox. Measured from outside (the process's CPU time), with Cassandra's over the
 * same windows for scale; printed, and held under a bound loose enough for a busy machine.
 */
@ExtendWith(LeadStreamStackExtension.class)
class IdleWorkerIT {
    // Polling (the outbox every 100 ms, as before) fills any window; 15 s hold a few hundred such polls.
    private static final Duration SETTLE = Duration.ofSeconds(15);
    private static final Duration WATCHED = Duration.ofSeconds(15);

    @Test
    void anIdleWorkerProcessIsNearlySilent(TestNamespace ns) throws Exception {
        LeadStreamConfig config = SendWorkerIT.workerConfig(ns)
                .with(WorkerOptions.SCAN_INTERVAL, WorkerOptions.SCAN_INTERVAL.defaultValue())
                .with(WorkerOptions.SESSION_TIMEOUT, WorkerOptions.SESSION_TIMEOUT.defaultValue())
                .with(WorkerOptions.LOOKBACK, WorkerOptions.LOOKBACK.defaultValue())
                .with(WorkerOptions.COUNT, 4);
        Process child = WorkerProcess.start(config);
        try {
            Thread.sleep(SETTLE.toMillis()); // joined the group, scanned its partitions once
            ProcessHandle cassandra = ProcessHandle.of(ns.stack().cassandra().pid()).orElseThrow();
            Duration cassandraFrom = cpu(cassandra);
            // Two windows, the quieter one judged: on a busy 2-core machine the JIT may still be compiling
            // the start-up's hot code in the first one, a cost paid once; polling would fill both.
            double first = watch(child.toHandle());
            double second = watch(child.toHandle());
            double withCassandra = share(cpu(cassandra).minus(cassandraFrom)) / 2;
            System.out.printf("idle worker IT: over two windows of %d s, the idle worker process used %.2f%% and %.2f%% of a core; "
                    + "Cassandra %.2f%%%n", WATCHED.toSeconds(), first * 100, second * 100, withCassandra * 100);
            assertThat(Math.min(first, second)).as("share of a core an idle worker process uses").isLessThan(0.02);
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
    }

    private static double watch(ProcessHandle worker) throws InterruptedException {
        Duration from = cpu(worker);
        Thread.sleep(WATCHED.toMillis());
        return share(cpu(worker).minus(from));
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElseThrow();
    }

    private static double share(Duration cpu) {
        return (double) cpu.toNanos() / WATCHED.toNanos();
    }
}
