package io.leadstream.workers;

import static io.leadstream.workers.SendWorkerIT.address;
import static io.leadstream.workers.SendWorkerIT.assertSentOnce;
import static io.leadstream.workers.SendWorkerIT.defineEmail;
import static io.leadstream.workers.SendWorkerIT.domain;
import static io.leadstream.workers.SendWorkerIT.reported;
import static io.leadstream.workers.SendWorkerIT.workerConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.workers.SendWorkerIT.WorkerParts;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The commit gate when Cassandra fails around the final dot, against real Cassandra, Kafka and SMTP:
 * a mark whose answer was lost is read back; a mark whose dot did not go is taken back, also when
 * it was left in progress or still queued when its connection closed and lands under the next
 * attempt; a sent message whose outcome failed to record is recorded sent; a dead worker's mark is
 * closed unconfirmed only after the commit timeout. Never a message lost or sent twice.
 */
@ExtendWith(LeadStreamStackExtension.class)
class CommitGateFailuresIT {
    @Test
    void aCommittingMarkWhoseAnswerWasLostIsReadBackBeforeTheDotDecides(TestNamespace ns) throws Exception {
        LeadStreamConfig config = workerConfig(ns);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (OutboxStore store = new OutboxStore(config)) {
            assertThat(store.commit("s-lost", null, "w1", 1, at)).isTrue();
            // As if the transaction's answer had timed out: the row, read at SERIAL, says whose the mark is.
            DriverTimeoutException lost = new DriverTimeoutException("answer lost");
            assertThat(store.carriesMark("s-lost", "w1", 1, at, lost)).as("applied: the dot may go").isTrue();
            assertThat(store.carriesMark("s-lost", "w2", 1, at, lost)).as("another worker's mark").isFalse();
            assertThat(store.carriesMark("s-lost", "w1", 2, at, lost)).as("an earlier attempt's mark").isFalse();
            assertThat(store.carriesMark("s-never", "w1", 1, at, lost)).as("never applied").isFalse();
        }
    }

    @Test
    void aMarkWhoseDotDidNotGoIsTakenBackThoughCassandraTimedOutOnItAndOnTheTakeBack(TestNamespace ns) throws Exception {
        LeadStreamConfig config = storeFailureConfig(ns);
        String ks = ns.keyspace();
        String domain = domain(ns);
        MovingClock clock = new MovingClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try (StoreScene scene = StoreScene.open(ns, config, clock, "s-paused", "paused", "marketing")) {
            CqlSession session = scene.session();
            TimingOutStore store = scene.store();
            SendCommand c = scene.command();
            WorkerParts process = scene.process();
            // Cassandra pauses: the mark applies but its answer and the read-back time out, and so does the take-back.
            store.commitsTimeOut = true;
            store.retriesTimingOut = 1;
            assertThatThrownBy(() -> process.handleNow(OutboxMessage.of(c))).isInstanceOf(DriverTimeoutException.class);
            Row marked = session.execute("SELECT committing_at FROM " + ks + ".outbox_state WHERE command_id = 's-paused'").one();
            assertThat(marked.getInstant("committing_at")).as("the mark is on the row, the message not sent").isNotNull();
            assertThat(ns.stack().smtp().receivedFor(domain)).isEmpty();

            store.commitsTimeOut = false;
            SendWorker.Result taken = process.handleNow(OutboxMessage.of(c));
            assertThat(taken.again()).as("a retry after the backoff, not an unconfirmed close after the commit timeout")
                    .isEqualTo(clock.instant().plusSeconds(3));
            Row back = session.execute("SELECT committing_at, attempts FROM " + ks + ".outbox_state WHERE command_id = 's-paused'").one();
            assertThat(back.getInstant("committing_at")).as("the mark taken back").isNull();
            assertThat(back.getInt("attempts")).isEqualTo(1);

            clock.advance(Duration.ofSeconds(6));
            assertThat(process.handleNow(OutboxMessage.of(c)).done()).isTrue();
            assertSentOnce(ns, session, "s-paused");
            assertThat(reported(ns)).containsExactly("s-paused DEFERRED", "s-paused SENT");
        }
    }

    @Test
    void aMarkLeftInProgressThatTheNextTransactionFinishesIsStillKnownAsThisWorkersAndTakenBack(TestNamespace ns) throws Exception {
        LeadStreamConfig config = storeFailureConfig(ns);
        String ks = ns.keyspace();
        MovingClock clock = new MovingClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try (StoreScene scene = StoreScene.open(ns, config, clock, "s-limbo", "limbo", "transactional")) {
            CqlSession session = scene.session();
            TimingOutStore store = scene.store();
            SendCommand c = scene.command();
            WorkerParts process = scene.process();
            // The mark's transaction is left in progress with its answer lost, and the take-back times out too.
            store.commitsLeftInProgress = true;
            store.retriesTimingOut = 1;
            assertThatThrownBy(() -> process.handleNow(OutboxMessage.of(c))).isInstanceOf(DriverTimeoutException.class);
            assertThat(session.execute("SELECT committing_at FROM " + ks + ".outbox_state WHERE command_id = 's-limbo'").one())
                    .as("nothing on the row yet").isNull();
            // The next attempt's transaction finishes the earlier one first, then finds the row taken.
            assertThat(process.handleNow(OutboxMessage.of(c)).done()).isFalse();
            assertThat(session.execute("SELECT committing_at FROM " + ks + ".outbox_state WHERE command_id = 's-limbo'").one()
                    .getInstant("committing_at")).as("the earlier mark landed").isNotNull();
            SendWorker.Result taken = process.handleNow(OutboxMessage.of(c));
            assertThat(taken.again()).as("known as this worker's, taken back and retried; not closed unconfirmed, never sent")
                    .isEqualTo(clock.instant().plusSeconds(3));
            clock.advance(Duration.ofSeconds(6));
            assertThat(process.handleNow(OutboxMessage.of(c)).done()).isTrue();
            assertSentOnce(ns, session, "s-limbo");
        }
    }

    @Test
    void aMarkStillQueuedAtCassandraWhenItsConnectionClosedLandsUnderTheNextAttemptAndIsTakenBack(TestNamespace ns) throws Exception {
        LeadStreamConfig config = storeFailureConfig(ns).with(WorkerOptions.COMMIT_TIMEOUT, Duration.ofSeconds(5));
        String ks = ns.keyspace();
        String domain = domain(ns);
        MovingClock clock = new MovingClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try (StoreScene scene = StoreScene.open(ns, config, clock, "s-queued", "queued", "transactional")) {
            CqlSession session = scene.session();
            TimingOutStore store = scene.store();
            SendCommand c = scene.command();
            WorkerParts process = scene.process();
            // The connection closes under the mark's transaction, which Cassandra still has queued: the take-back finds
            // nothing to take, and the mark lands only when the next attempt's transaction comes, which then loses.
            store.commitsQueued = true;
            assertThat(process.handleNow(OutboxMessage.of(c)).done()).isFalse();
            clock.advance(Duration.ofMillis(10));
            assertThat(process.handleNow(OutboxMessage.of(c)).done()).as("the next attempt finds the row taken").isFalse();
            assertThat(session.execute("SELECT committing_at FROM " + ks + ".outbox_state WHERE command_id = 's-queued'").one()
                    .getInstant("committing_at")).as("the first attempt's mark landed late").isNotNull();
            assertThat(ns.stack().smtp().receivedFor(domain)).isEmpty();

            clock.advance(Duration.ofSeconds(6)); // past the commit timeout: a dead worker's mark would be closed unconfirmed now
            SendWorker.Result taken = process.handleNow(OutboxMessage.of(c));
            assertThat(taken.again()).as("known as this worker's, taken back and retried; not closed unconfirmed, never sent")
                    .isEqualTo(clock.instant().plusSeconds(3));
            clock.advance(Duration.ofSeconds(4));
            assertThat(process.handleNow(OutboxMessage.of(c)).done()).isTrue();
            assertSentOnce(ns, session, "s-queued");
        }
    }

    @Test
    void aSentMessageWhoseOutcomeCassandraFailedToRecordIsRecordedSentNotClosedUnconfirmed(TestNamespace ns) throws Exception {
        LeadStreamConfig config = workerConfig(ns).with(WorkerOptions.COMMIT_TIMEOUT, Duration.ofSeconds(5));
        String ks = ns.keyspace();
        String domain = domain(ns);
        MovingClock clock = new MovingClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try (StoreScene scene = StoreScene.open(ns, config, clock, "s-unrecorded", "unrecorded", "marketing")) {
            CqlSession session = scene.session();
            TimingOutStore store = scene.store();
            SendCommand c = scene.command();
            WorkerParts process = scene.process();
            // The server takes the message, then Cassandra pauses: the outcome's write times out.
            store.finishesTimingOut = 1;
            assertThatThrownBy(() -> process.handleNow(OutboxMessage.of(c))).isInstanceOf(DriverTimeoutException.class);
            assertThat(ns.stack().smtp().receivedFor(domain)).hasSize(1);
            assertThat(session.execute("SELECT committing_at FROM " + ks + ".outbox_state WHERE command_id = 's-unrecorded'").one()
                    .getInstant("committing_at")).as("the mark stands, no outcome yet").isNotNull();

            // Read again after the commit timeout: this worker knows the dot went and the server took it.
            clock.advance(Duration.ofSeconds(6));
            assertThat(process.handleNow(OutboxMessage.of(c)).done()).isTrue();
            assertSentOnce(ns, session, "s-unrecorded");
            assertThat(reported(ns)).containsExactly("s-unrecorded SENT");
        }
    }

    /** Retries 5 s apart after the server failed, 3 s after Cassandra failed (the store's backoff). */
    private static LeadStreamConfig storeFailureConfig(TestNamespace ns) {
        return workerConfig(ns).with(WorkerOptions.RETRY_BACKOFF, Duration.ofSeconds(5)).with(WorkerOptions.STORE_RETRY_BACKOFF, Duration.ofSeconds(3));
    }

    /**
     * One email of a contact with an address, stored by the engine, and a worker process on the
     * test's clock whose store Cassandra fails where the test says.
     */
    private record StoreScene(CqlSession session, TimingOutStore store, SmtpMailer mailer, KafkaDeliveryReports reports, SendCommand command,
                              WorkerParts process) implements AutoCloseable {
        static StoreScene open(TestNamespace ns, LeadStreamConfig config, MovingClock clock, String commandId, String contact, String emailType) {
            CqlSession session = ns.stack().cassandra().newSession();
            TimingOutStore store = new TimingOutStore(config);
            SmtpMailer mailer = new SmtpMailer(config);
            KafkaDeliveryReports reports = new KafkaDeliveryReports(config, "send-worker-it");
            defineEmail(session, ns.keyspace(), "welcome", emailType);
            address(session, ns, contact);
            SendCommand c = EngineSends.email(commandId, contact, "welcome", false, clock.instant());
            EngineSends.store(session, ns.keyspace(), c);
            return new StoreScene(session, store, mailer, reports, c, WorkerParts.start("p", config, store, mailer, reports, clock));
        }

        @Override
        public void close() {
            reports.close();
            mailer.close();
            store.close();
            session.close();
        }
    }

    /**
     * Cassandra timing out where it hurts: a mark applied whose answer (and read-back) is lost, or a
     * mark's transaction left in progress that the next one on the row finishes; take-backs lost outright.
     */
    private static final class TimingOutStore extends OutboxStore {
        volatile boolean commitsTimeOut;
        volatile boolean commitsLeftInProgress;
        /** The mark's transaction waits in Cassandra's queue until the next one on the row: a take-back does not finish it. */
        volatile boolean commitsQueued;
        volatile int retriesTimingOut;
        volatile int finishesTimingOut;
        private volatile Runnable inProgress;
        private volatile Runnable queued;

        TimingOutStore(LeadStreamConfig config) {
            super(config);
        }

        @Override
        public boolean commit(String commandId, DeliveryState seen, String worker, int attempt, Instant at) {
            finishInProgress();
            Runnable late = queued;
            queued = null;
            if (late != null) {
                late.run();
            }
            if (commitsLeftInProgress) {
                commitsLeftInProgress = false;
                inProgress = () -> super.commit(commandId, seen, worker, attempt, at);
                throw new DriverTimeoutException("the mark's transaction is in progress; its answer and read-backs timed out");
            }
            if (commitsQueued) {
                commitsQueued = false;
                queued = () -> super.commit(commandId, seen, worker, attempt, at);
                // What the store does when the answer is lost: reads the row back at SERIAL, which shows no mark yet.
                return carriesMark(commandId, worker, attempt, at, new ClosedConnectionException("Unexpected error on channel"));
            }
            boolean won = super.commit(commandId, seen, worker, attempt, at);
            if (commitsTimeOut) {
                throw new DriverTimeoutException("the mark's answer and its read-backs timed out");
            }
            return won;
        }

        @Override
        public boolean retryAt(String commandId, DeliveryState seen, String worker, int attempts, Instant at, String detail) {
            if (retriesTimingOut > 0) {
                retriesTimingOut--;
                throw new DriverTimeoutException("the take-back timed out");
            }
            finishInProgress();
            return super.retryAt(commandId, seen, worker, attempts, at, detail);
        }

        @Override
        public void finish(String commandId, String outcome, Instant at, String detail) {
            if (finishesTimingOut > 0) {
                finishesTimingOut--;
                throw new DriverTimeoutException("the outcome's write timed out");
            }
            super.finish(commandId, outcome, at, detail);
        }

        /** What Paxos does with a transaction it finds in progress on the row: finishes it before its own. */
        private void finishInProgress() {
            Runnable earlier = inProgress;
            inProgress = null;
            if (earlier != null) {
                earlier.run();
            }
        }
    }

    @Test
    void aCommittingMarkIsClosedUnconfirmedOnlyOnceItsWorkerHadTheCommitTimeoutToAnswer(TestNamespace ns) throws Exception {
        LeadStreamConfig config = workerConfig(ns).with(WorkerOptions.COMMIT_TIMEOUT, Duration.ofSeconds(30));
        String ks = ns.keyspace();
        String domain = domain(ns);
        MovingClock clock = new MovingClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try (CqlSession session = ns.stack().cassandra().newSession(); OutboxStore store = new OutboxStore(config);
             SmtpMailer mailer = new SmtpMailer(config); KafkaDeliveryReports reports = new KafkaDeliveryReports(config, "send-worker-it")) {
            defineEmail(session, ks, "receipt", "transactional");
            address(session, ns, "mid");
            SendCommand c = EngineSends.email("s-mid", "mid", "receipt", true, clock.instant().minusSeconds(20));
            EngineSends.store(session, ks, c);
            // A worker (of another process) is at the final dot, or died there, ten seconds ago.
            session.execute("INSERT INTO " + ks + ".outbox_state (command_id, worker, attempts, committing_at) VALUES ('s-mid', 'elsewhere', 1, ?)",
                    clock.instant().minusSeconds(10));
            WorkerParts process = WorkerParts.start("p", config, store, mailer, reports, clock);
            SendWorker.Result early = process.handleNow(OutboxMessage.of(c));
            assertThat(early.again()).as("looked at again when its worker can no longer be waiting").isEqualTo(clock.instant().plusSeconds(20));
            assertThat(session.execute("SELECT state FROM " + ks + ".outbox_state WHERE command_id = 's-mid'").one().getString("state")).isNull();

            clock.advance(Duration.ofSeconds(21));
            assertThat(process.handleNow(OutboxMessage.of(c)).done()).isTrue();
            assertThat(session.execute("SELECT state FROM " + ks + ".outbox_state WHERE command_id = 's-mid'").one().getString("state"))
                    .isEqualTo("unconfirmed");
            assertThat(ns.stack().smtp().receivedFor(domain)).as("never sent again").isEmpty();
            assertThat(reported(ns)).containsExactly("s-mid UNCONFIRMED");
        }
    }
}
