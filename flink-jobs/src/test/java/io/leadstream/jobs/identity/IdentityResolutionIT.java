package io.leadstream.jobs.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.kafka.TopicAdmin;
import io.leadstream.jobs.EngineJob;
import io.leadstream.jobs.EngineOptions;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.store.cassandra.CassandraSchema;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A randomized scenario through real Kafka, the engine on the MiniCluster (parallelism 2) and
 * Cassandra: thousands of devices, shared emails (merges), devices switching email (re-points),
 * simultaneous claims of one email on different partitions, events shuffled within the watermark
 * bound. The final grouping of devices into contacts, the event count per contact and the
 * surviving ids read back from Cassandra must equal the reference model's.
 */
@ExtendWith(LeadStreamStackExtension.class)
class IdentityResolutionIT {
    static final int PARTITIONS = 4;

    @Test
    void streamingIdentityMatchesTheReferenceModel(TestNamespace ns) throws Exception {
        LeadStreamConfig config = engineConfig(ns).with(EngineOptions.CHECKPOINT_INTERVAL, Duration.ofSeconds(2));
        TopicAdmin.ensureTopics(config);
        CassandraSchema.apply(config);

        List<TrackingEvent> events = IdentityScenario.generate(new Random(20261123L), 3000, 500);
        IdentityReferenceModel model = new IdentityReferenceModel(events, new IdentifierClaims("email"));
        try (RawEventsProducer producer = new RawEventsProducer(config)) {
            IdentityScenario.shuffledBuckets(events, new Random(7)).forEach(producer::send);
            producer.tails(PARTITIONS, IdentityScenario.lastEventTime(events) + 600_000);
        }

        StreamExecutionEnvironment env = EngineJob.environment(config);
        EngineJob.build(env, config);
        JobID job = ns.stack().flink().submit(env, "identity-" + ns.keyspace());
        try (CqlSession session = ns.stack().cassandra().newSession()) {
            ns.stack().flink().awaitRunning(job, Duration.ofSeconds(60));
            // Whole-table scans while the engine writes at full speed: a scan the loaded node fails is read again (the 22:38 suite run).
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                    .ignoreExceptionsInstanceOf(com.datastax.oss.driver.api.core.servererrors.QueryExecutionException.class)
                    .untilAsserted(() -> new CassandraIdentityView(session, ns.keyspace()).assertMatches(model));
            System.out.printf("identity IT: %d events, %d devices -> %d contacts, %d aliases%n", events.size(),
                    model.currentContactOfDevice.size(), CassandraIdentityView.countsPerContact(model.contactOfEvent, model::resolve).size(),
                    model.aliases.size());
            assertThat(model.aliases.size()).as("the scenario merges").isGreaterThan(100);
        } finally {
            ns.stack().flink().cancel(job);
        }
    }

    /**
     * Parallelism 2 over 4 partitions; synthetic event times, out of order by up to 3 s: handled in
     * event-time order within a 5 s bound, watermarks from event times only.
     */
    static LeadStreamConfig engineConfig(TestNamespace ns) {
        return ns.config()
                .with(KafkaOptions.PARTITIONS, PARTITIONS)
                .with(EngineOptions.PARALLELISM, 2)
                .with(EngineOptions.MAX_OUT_OF_ORDERNESS, Duration.ofSeconds(5))
                .with(EngineOptions.WATERMARK_FOLLOWS_CLOCK, false)
                // Every partition ends with a tail event; no split may be declared idle while the
                // MiniCluster is still starting the other reader (that would make its events late).
                .with(EngineOptions.IDLE_TIMEOUT, Duration.ofMinutes(5));
    }
}
