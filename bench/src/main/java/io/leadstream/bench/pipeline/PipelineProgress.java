package io.leadstream.bench.pipeline;

import static io.leadstream.bench.BenchSupport.say;

import com.datastax.oss.driver.api.core.CqlSession;
import io.leadstream.common.config.CassandraOptions;
import java.time.Duration;

/**
 * Waits on the pipeline's far ends: Cassandra for the events, the SMTP server for the probes' emails.
 * The pipeline has caught up when the devices of the last accepted events have all their rows:
 * records are handled in order per partition, so by then every earlier event is stored too (the full
 * comparison afterwards checks that).
 */
final class PipelineProgress implements AutoCloseable {
    private final PipelineSystem system;
    private final DriverLedger ledger;
    private final CqlSession session;
    private final EventsInCassandra events;

    PipelineProgress(PipelineSystem system, DriverLedger ledger) {
        this.system = system;
        this.ledger = ledger;
        this.session = system.stack().cassandra().newSession();
        this.events = new EventsInCassandra(session, system.config().get(CassandraOptions.KEYSPACE));
    }

    /** Seconds from the last accepted event until it and the ones before it were stored. */
    double awaitCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!events.caughtUp(ledger.tail(), ledger.acceptedPerDevice())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the last accepted events are not in Cassandra after " + timeout);
            }
            Thread.sleep(100);
        }
        return (System.currentTimeMillis() - ledger.lastAcceptedAt()) / 1000.0;
    }

    /** Until every probe's email arrived, or none arrived for a minute. */
    void awaitEmails(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int arrived = -1;
        long lastProgress = System.nanoTime();
        while (System.nanoTime() < deadline) {
            int now = ProbeEmails.arrived(ledger.probes(), system.smtp());
            if (now == ledger.probes().size()) {
                return;
            }
            if (now != arrived) {
                arrived = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > Duration.ofMinutes(1).toNanos()) {
                break;
            }
            Thread.sleep(250);
        }
        say("  %,d of %,d probe emails arrived; not waiting longer", arrived, ledger.probes().size());
    }

    java.util.Map<String, Long> outboxOutcomes() {
        return OutboxOutcomes.count(session, system.config().get(CassandraOptions.KEYSPACE));
    }

    EventsInCassandra.Reflection compare() {
        return events.compare(ledger.acceptedPerDevice());
    }

    @Override
    public void close() {
        session.close();
    }
}
