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
 * same minute for scale; printed, and held under a bound loose enough for a busy machine.
 */
@ExtendWith(LeadStreamStackExtension.class)
class IdleWorkerIT {
    private static final Duration SETTLE = Duration.ofSeconds(20);
    private static final Duration WATCHED = Duration.ofSeconds(60);

    @Test
    void anIdleWorkerProcessIsNearlySilent(TestNamespace ns) throws Exception {
        LeadStreamConfig config = SendWorkerIT.workerConfig(ns)
                .with(WorkerOptions.SCAN_INTERVAL, WorkerOptions.SCAN_INTERVAL.defaultValue())
                .with(WorkerOptions.SESSION_TIMEOUT, WorkerOptions.SESSION_TIMEOUT.defaultValue())
                .with(WorkerOptions.LOOKBACK, WorkerOptions.LOOKBACK.defaultValue())
                .with(WorkerOptions.COUNT, 4);
        Process child = WorkerProcess.start(config);
        try {
            Thread.sleep(SETTLE.toMillis()); // joined the group, scanned its partitions once, compiled its start-up
            ProcessHandle cassandra = ProcessHandle.of(ns.stack().cassandra().pid()).orElseThrow();
            Duration workerFrom = cpu(child.toHandle());
            Duration cassandraFrom = cpu(cassandra);
            Thread.sleep(WATCHED.toMillis());
            double worker = share(cpu(child.toHandle()).minus(workerFrom));
            double withCassandra = share(cpu(cassandra).minus(cassandraFrom));
            System.out.printf("idle worker IT: over %d s, the idle worker process used %.2f%% of a core; Cassandra %.2f%%%n",
                    WATCHED.toSeconds(), worker * 100, withCassandra * 100);
            assertThat(worker).as("share of a core an idle worker process uses").isLessThan(0.02);
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElseThrow();
    }

    private static double share(Duration cpu) {
        return (double) cpu.toNanos() / WATCHED.toNanos();
    }
}
