package io.leadstream.jobs.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.common.kafka.TopicAdmin;
import io.leadstream.jobs.EngineJobs;
import io.leadstream.jobs.EngineOptions;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.engine.IdentityChange;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.stack.TopicReader;
import io.leadstream.store.cassandra.CassandraSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine is cancelled mid-stream, after a checkpoint and after it has written more output
 * past that checkpoint, while events keep arriving; a new job restored from the checkpoint
 * finishes the stream. Cassandra must equal the reference model with every event once on the
 * timeline, and the contact-events topic (read committed) must hold every event exactly once,
 * although the first job's output after the checkpoint did reach Kafka.
 */
@ExtendWith(LeadStreamStackExtension.class)
class IdentityCheckpointRestoreIT {

    @Test
    void aJobRestoredFromACheckpointLosesAndDoublesNothing(TestNamespace ns, @TempDir Path checkpoints) throws Exception {
        LeadStreamConfig config = IdentityResolutionIT.engineConfig(ns)
                .with(EngineOptions.CHECKPOINT_DIR, checkpoints.toUri().toString())
                // The transactional mode of the public topics (the default writes them at least once).
                .with(EngineOptions.KAFKA_EXACTLY_ONCE, true)
                // The first job checkpoints only when the test says so.
                .with(EngineOptions.CHECKPOINT_INTERVAL, Duration.ofHours(1));
        TopicAdmin.ensureTopics(config);
        CassandraSchema.apply(config);
        TopicNames topics = TopicNames.from(config);
        String bootstrap = config.get(KafkaOptions.BOOTSTRAP_SERVERS);

        List<TrackingEvent> events = IdentityScenario.generate(new Random(4242L), 2000, 300);
        IdentityReferenceModel model = new IdentityReferenceModel(events, new IdentifierClaims("email"));
        List<List<TrackingEvent>> buckets = IdentityScenario.shuffledBuckets(events, new Random(11));
        int third = buckets.size() / 3;

        try (RawEventsProducer producer = new RawEventsProducer(config); CqlSession session = ns.stack().cassandra().newSession()) {
            buckets.subList(0, third).forEach(producer::send);
            JobID first = EngineJobs.start(ns, config, "identity-first-" + ns.keyspace());
            await().atMost(Duration.ofSeconds(60)).until(() -> contactEvents(bootstrap, topics, IsolationLevel.READ_UNCOMMITTED).size() > 0);
            String checkpoint = ns.stack().flink().checkpoint(first);
            int atCheckpoint = contactEvents(bootstrap, topics, IsolationLevel.READ_UNCOMMITTED).size();

            buckets.subList(third, 2 * third).forEach(producer::send);
            // Output past the checkpoint is in Kafka (in an open transaction) before the job dies.
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> contactEvents(bootstrap, topics, IsolationLevel.READ_UNCOMMITTED).size() > atCheckpoint);
            ns.stack().flink().cancel(first);

            buckets.subList(2 * third, buckets.size()).forEach(producer::send);
            producer.tails(IdentityResolutionIT.PARTITIONS, IdentityScenario.lastEventTime(events) + 600_000);
            JobID restored = EngineJobs.start(ns, config.with(EngineOptions.RESTORE_PATH, checkpoint)
                    .with(EngineOptions.CHECKPOINT_INTERVAL, Duration.ofSeconds(2)), "identity-restored-" + ns.keyspace());
            try {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                        .untilAsserted(() -> new CassandraIdentityView(session, ns.keyspace()).assertMatches(model));
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                        .untilAsserted(() -> assertThat(contactEvents(bootstrap, topics, IsolationLevel.READ_COMMITTED))
                                .as("contact-events, read committed").hasSameSizeAs(events)
                                .doesNotHaveDuplicates()
                                .containsExactlyInAnyOrderElementsOf(events.stream().map(TrackingEvent::getEventId).toList()));
                List<String> written = contactEvents(bootstrap, topics, IsolationLevel.READ_UNCOMMITTED);
                assertThat(written.size()).as("records written, aborted ones included").isGreaterThan(events.size());

                List<String> changes = TopicReader.readAll(bootstrap, topics.identity(), Duration.ofSeconds(30)).stream()
                        .map(r -> AvroCodec.of(IdentityChange.class).decode(r.value()).getChangeId()).toList();
                assertThat(changes).as("identity changelog, read committed").isNotEmpty().doesNotHaveDuplicates();
                System.out.printf("checkpoint restore IT: %d events; first job wrote %d contact events by the checkpoint, "
                        + "%d records written in all (%d aborted); %d identity changes%n",
                        events.size(), atCheckpoint, written.size(), written.size() - events.size(), changes.size());
            } finally {
                ns.stack().flink().cancel(restored);
            }
        }
    }


    /** Event ids on the contact-events topic, tail events left out. */
    private static List<String> contactEvents(String bootstrap, TopicNames topics, IsolationLevel isolation) {
        AvroCodec<TrackingEvent> codec = AvroCodec.of(TrackingEvent.class);
        return TopicReader.readAll(bootstrap, topics.contactEvents(), Duration.ofSeconds(30), isolation).stream()
                .map(r -> codec.decode(r.value()).getEventId())
                .filter(id -> !id.startsWith("tail-"))
                .toList();
    }
}
