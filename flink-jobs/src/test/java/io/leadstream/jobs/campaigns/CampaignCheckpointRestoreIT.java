package io.leadstream.jobs.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.common.ids.IdentityIds;
import io.leadstream.jobs.EngineJobs;
import io.leadstream.jobs.EngineOptions;
import io.leadstream.jobs.SimulatedClock;
import io.leadstream.jobs.identity.Events;
import io.leadstream.jobs.identity.RawEventsProducer;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.stack.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A three-email campaign (now, a day later, two days later) is cancelled mid-campaign, after a
 * checkpoint and after its timers wrote more sends past it; a job restored from the checkpoint
 * finishes while more contacts join. Read committed, the send-commands topic holds every expected
 * send exactly once, at its due time, although the first job's sends after the checkpoint reached Kafka.
 */
@ExtendWith(LeadStreamStackExtension.class)
class CampaignCheckpointRestoreIT {
    private static final int PARTITIONS = SimulatedClock.PARTITIONS;
    private static final int CONTACTS = 100;
    private static final Instant T = Instant.parse("2025-10-06T10:00:00Z");
    private static final String DRIP = """
            {"id": "drip", "name": "Drip", "sources": {"segments": ["list"]}, "events": [
              {"id": "one", "type": "action", "kind": "send_email", "email": "one"},
              {"id": "two", "type": "action", "kind": "send_email", "email": "two", "parent": "one",
               "timing": {"mode": "interval", "amount": 1, "unit": "days"}},
              {"id": "three", "type": "action", "kind": "send_email", "email": "three", "parent": "two",
               "timing": {"mode": "interval", "amount": 1, "unit": "days"}}]}""";

    @Test
    void aCampaignRestoredFromACheckpointSendsEverythingOnce(TestNamespace ns, @TempDir Path checkpoints) throws Exception {
        LeadStreamConfig config = SimulatedClock.prepare(ns)
                .with(EngineOptions.CHECKPOINT_DIR, checkpoints.toUri().toString())
                // The transactional mode of the public topics (the default writes them at least once).
                .with(EngineOptions.KAFKA_EXACTLY_ONCE, true)
                .with(EngineOptions.CHECKPOINT_INTERVAL, Duration.ofHours(1)); // the first job checkpoints when the test says
        TopicNames topics = TopicNames.from(config);
        String bootstrap = config.get(KafkaOptions.BOOTSTRAP_SERVERS);

        try (KafkaProducer<String, String> definitions = new KafkaProducer<>(props(bootstrap), new StringSerializer(), new StringSerializer());
             RawEventsProducer raw = new RawEventsProducer(config)) {
            definitions.send(new ProducerRecord<>(topics.definitions(), TopicNames.definitionKey("segments", "list"), """
                    {"id": "list", "name": "List", "filters": [{"kind": "field", "field": "newsletter", "operator": "eq", "value": "yes"}]}""")).get();
            definitions.send(new ProducerRecord<>(topics.definitions(), TopicNames.definitionKey("campaigns", "drip"), DRIP)).get();

            raw.send(signups(0, CONTACTS / 2, T));
            raw.tails(PARTITIONS, T.plusSeconds(60).toEpochMilli());
            JobID first = EngineJobs.start(ns, config, "campaign-first-" + ns.keyspace());
            await().atMost(Duration.ofSeconds(60)).until(() -> sends(bootstrap, topics, IsolationLevel.READ_UNCOMMITTED).size() >= CONTACTS / 2);
            String checkpoint = ns.stack().flink().checkpoint(first);
            // A day passes: the first half's second emails are written after the checkpoint, then the job dies.
            raw.tails(PARTITIONS, T.plus(Duration.ofDays(1)).plusSeconds(60).toEpochMilli());
            await().atMost(Duration.ofSeconds(60)).until(() -> sends(bootstrap, topics, IsolationLevel.READ_UNCOMMITTED).size() >= CONTACTS);
            ns.stack().flink().cancel(first);

            Instant later = T.plus(Duration.ofDays(1)).plusSeconds(120);
            raw.send(signups(CONTACTS / 2, CONTACTS, later));
            raw.tails(PARTITIONS, T.plus(Duration.ofDays(4)).toEpochMilli());
            JobID restored = EngineJobs.start(ns, config.with(EngineOptions.RESTORE_PATH, checkpoint)
                    .with(EngineOptions.CHECKPOINT_INTERVAL, Duration.ofSeconds(2)), "campaign-restored-" + ns.keyspace());
            try {
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < CONTACTS; i++) {
                    Instant entered = i < CONTACTS / 2 ? T : later;
                    for (int step = 0; step < 3; step++) {
                        expected.add(contact(i) + " " + List.of("one", "two", "three").get(step) + " " + entered.plus(Duration.ofDays(step)));
                    }
                }
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(sends(bootstrap, topics, IsolationLevel.READ_COMMITTED)).as("send commands, read committed")
                                .containsExactlyInAnyOrderElementsOf(expected));
                List<String> written = sends(bootstrap, topics, IsolationLevel.READ_UNCOMMITTED);
                assertThat(written.size()).as("records written, aborted ones included").isGreaterThan(expected.size());
                System.out.printf("campaign checkpoint restore IT: %d sends expected and committed once; %d written in all (%d aborted)%n",
                        expected.size(), written.size(), written.size() - expected.size());
            } finally {
                ns.stack().flink().cancel(restored);
            }
        }
    }

    private static String contact(int i) {
        return IdentityIds.anon("dev-" + i);
    }

    private static List<TrackingEvent> signups(int from, int to, Instant at) {
        return IntStream.range(from, to).mapToObj(i -> {
            TrackingEvent e = Events.hit("signup-" + i, "dev-" + i, at.toEpochMilli(), null);
            e.setFields(Map.of("newsletter", "yes"));
            return e;
        }).toList();
    }

    /** "contact email due-time" of every send command. */
    private static List<String> sends(String bootstrap, TopicNames topics, IsolationLevel isolation) {
        return TopicReader.readAll(bootstrap, topics.sendCommands(), Duration.ofSeconds(30), isolation).stream()
                .map(r -> AvroCodec.of(SendCommand.class).decode(r.value()))
                .map(c -> c.getContactId() + " " + c.getEmailId() + " " + c.getDueTime())
                .toList();
    }


    private static Properties props(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return p;
    }
}
