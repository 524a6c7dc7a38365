package io.leadstream.bench.pipeline;

import static io.leadstream.bench.BenchSupport.say;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.session.Request;
import com.datastax.oss.driver.api.core.tracker.RequestTracker;
import io.leadstream.common.config.CassandraOptions;
import io.leadstream.stack.EmbeddedCassandra;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Waits on the pipeline's far ends: Cassandra for the events, the SMTP server for the probes' emails.
 * The pipeline has caught up when the devices of the last accepted events have all their rows:
 * records are handled in order per partition, so by then every earlier event is stored too (the full
 * comparison afterwards checks that). Its session counts the requests it sends, so that the
 * benchmark's own reads can be told from the system's in Cassandra's request counts.
 */
final class PipelineProgress implements AutoCloseable {
    private final PipelineSystem system;
    private final DriverLedger ledger;
    private final CqlSession session;
    private final EventsInCassandra events;
    private final AtomicLong requests = new AtomicLong();

    PipelineProgress(PipelineSystem system, DriverLedger ledger) {
        this.system = system;
        this.ledger = ledger;
        EmbeddedCassandra cassandra = system.stack().cassandra();
        this.session = CqlSession.builder().addContactPoint(cassandra.address()).withLocalDatacenter(EmbeddedCassandra.DATACENTER)
                .withConfigLoader(DriverConfigLoader.programmaticBuilder().withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30)).build())
                .addRequestTracker(new RequestTracker() {
                    @Override
                    public void onNodeSuccess(Request request, long latencyNanos, DriverExecutionProfile profile, Node node, String prefix) {
                        requests.incrementAndGet();
                    }

                    @Override
                    public void onNodeError(Request request, Throwable error, long latencyNanos, DriverExecutionProfile profile, Node node, String prefix) {
                        requests.incrementAndGet();
                    }

                    @Override
                    public void close() {
                        // nothing held
                    }
                })
                .build();
        this.events = new EventsInCassandra(session, system.config().get(CassandraOptions.KEYSPACE));
    }

    /** Seconds from the last accepted event until it and the ones before it were stored. */
    double awaitCaughtUp(Duration timeout) throws InterruptedException {
        return storedWithin(timeout).orElseThrow(() -> new IllegalStateException("the last accepted events are not in Cassandra after " + timeout));
    }

    /** As {@link #awaitCaughtUp}, or empty when they were not all stored within {@code timeout}. */
    OptionalDouble storedWithin(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!events.caughtUp(ledger.tail(), ledger.acceptedPerDevice())) {
            if (System.nanoTime() > deadline) {
                return OptionalDouble.empty();
            }
            Thread.sleep(100);
        }
        return OptionalDouble.of((System.currentTimeMillis() - ledger.lastAcceptedAt()) / 1000.0);
    }

    /** Until every probe's email arrived, or none arrived for a minute. */
    void awaitEmails(Duration timeout) throws InterruptedException {
        if (!awaitEmails(ledger.probes(), timeout, Duration.ofMinutes(1))) {
            say("  %,d of %,d probe emails arrived; not waiting longer", ProbeEmails.arrived(ledger.probes(), system.smtp()), ledger.probeCount());
        }
    }

    /** Until each of these probes' emails arrived (true), or {@code timeout} passed or none arrived for {@code stalled} (false). */
    boolean awaitEmails(List<DriverLedger.Probe> probes, Duration timeout, Duration stalled) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int arrived = -1;
        long lastProgress = System.nanoTime();
        while (System.nanoTime() < deadline) {
            int now = ProbeEmails.arrived(probes, system.smtp());
            if (now == probes.size()) {
                return true;
            }
            if (now != arrived) {
                arrived = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > stalled.toNanos()) {
                break;
            }
            Thread.sleep(250);
        }
        return false;
    }

    /** Requests this session sent so far (retries included): the benchmark's own share of Cassandra's load. */
    long ownRequests() {
        return requests.get();
    }

    CqlSession session() {
        return session;
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
