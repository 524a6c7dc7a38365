package io.leadstream.jobs.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.jobs.EngineJob;
import io.leadstream.jobs.SimulatedClock;
import io.leadstream.jobs.identity.Events;
import io.leadstream.common.ids.IdentityIds;
import io.leadstream.jobs.identity.RawEventsProducer;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.engine.SegmentCommand;
import io.leadstream.schemas.engine.SegmentCommandAction;
import io.leadstream.schemas.engine.SegmentMembershipChange;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.stack.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Segments through real Kafka, the engine on the MiniCluster (parallelism 2) and Cassandra, under
 * a simulated clock: event times are from March 2026 and only the events move the watermark
 * (tail events on every partition play the clock). A contact active once leaves "active in the
 * last 7 days" exactly 7 days later with no event of its own; a segment command adds it by hand;
 * a segment defined while the job runs is backfilled over the contacts in engine state, with its
 * progress per subtask in Cassandra.
 */
@ExtendWith(LeadStreamStackExtension.class)
class SegmentsIT {
    private static final int PARTITIONS = SimulatedClock.PARTITIONS;
    private static final long DAY = 86_400_000L;
    private static final long T = Instant.parse("2026-03-01T09:00:00Z").toEpochMilli();

    @Test
    void aContactLeavesA7DayActivitySegmentExactlyWhenTheWindowPassesUnderASimulatedClock(TestNamespace ns) throws Exception {
        LeadStreamConfig config = SimulatedClock.prepare(ns);
        TopicNames topics = TopicNames.from(config);
        String bootstrap = config.get(KafkaOptions.BOOTSTRAP_SERVERS);
        String contact = IdentityIds.anon("dev-a");

        try (KafkaProducer<String, String> definitions = new KafkaProducer<>(props(bootstrap), new StringSerializer(), new StringSerializer());
             KafkaProducer<String, byte[]> commands = new KafkaProducer<>(props(bootstrap), new StringSerializer(), new ByteArraySerializer());
             RawEventsProducer raw = new RawEventsProducer(config);
             CqlSession session = ns.stack().cassandra().newSession()) {
            define(definitions, topics, "active", "[{\"kind\": \"last_active\", \"operator\": \"gte\", \"date\": \"-7 days\"}]");
            define(definitions, topics, "vip", "[{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 1000}]");

            StreamExecutionEnvironment env = EngineJob.environment(config);
            EngineJob.build(env, config);
            JobID job = ns.stack().flink().submit(env, "segments-" + ns.keyspace());
            try {
                ns.stack().flink().awaitRunning(job, Duration.ofSeconds(60));
                TrackingEvent visit = Events.hit("a-1", "dev-a", T, null);
                visit.setFields(Map.of("country", "FR"));
                raw.send(List.of(visit));
                // The clock moves only with events: days pass on every partition, the last one just after the 7 days.
                for (long at : new long[] {T + DAY, T + 3 * DAY, T + 6 * DAY, T + 7 * DAY, T + 7 * DAY + 1_000}) {
                    raw.tails(PARTITIONS, at);
                }
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> assertThat(changes(bootstrap, topics, contact)).anyMatch(c -> c.startsWith("LEFT active")));
                assertThat(changes(bootstrap, topics, contact)).as("entered with its visit, left the first millisecond after 7 days")
                        .containsExactly("ENTERED active at " + Instant.ofEpochMilli(T) + " (event a-1)",
                                "LEFT active at " + Instant.ofEpochMilli(T + 7 * DAY + 1) + " (time)");

                SegmentCommand add = SegmentCommand.newBuilder().setCommandId("cmd-1").setContactId(contact).setSegmentId("vip")
                        .setAction(SegmentCommandAction.ADD).setRequestedAt(Instant.ofEpochMilli(T + 8 * DAY)).setSource("test").build();
                commands.send(new ProducerRecord<>(topics.segmentCommands(), contact, AvroCodec.of(SegmentCommand.class).encode(add))).get();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> assertThat(changes(bootstrap, topics, contact))
                                .contains("ENTERED vip at " + Instant.ofEpochMilli(T + 8 * DAY) + " (by hand cmd-1) manual"));

                // Defined while running: every contact in engine state is evaluated now, none sends anything.
                long revision = define(definitions, topics, "fr", "[{\"kind\": \"field\", \"field\": \"country\", \"operator\": \"eq\", \"value\": \"FR\"}]");
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> assertThat(changes(bootstrap, topics, contact)).anyMatch(c -> c.startsWith("ENTERED fr at ")
                                && c.endsWith("(backfill)")));
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    List<Row> rows = session.execute("SELECT subtask, revision, subtasks, contacts, finished_at FROM " + ns.keyspace()
                            + ".segment_backfills WHERE segment_id = 'fr'").all();
                    assertThat(rows).extracting(r -> r.getInt("subtask") + "/" + r.getInt("subtasks") + " r" + r.getLong("revision")
                                    + " finished " + (r.getInstant("finished_at") != null))
                            .containsExactly("0/2 r" + revision + " finished true", "1/2 r" + revision + " finished true");
                    assertThat(rows.stream().mapToLong(r -> r.getLong("contacts")).sum())
                            .as("the visitor and the two clock devices, each on one subtask").isEqualTo(3);
                });
                assertThat(session.execute("SELECT contact_id FROM " + ns.keyspace() + ".segment_members WHERE segment_id = 'active'").all())
                        .extracting(r -> r.getString("contact_id")).as("the clock devices are still active; the visitor is not")
                        .containsExactlyInAnyOrder(IdentityIds.anon("tail-device-0"), IdentityIds.anon("tail-device-1"));
            } finally {
                ns.stack().flink().cancel(job);
            }
        }
    }

    /** The contact's committed membership changes, in order. */
    private static List<String> changes(String bootstrap, TopicNames topics, String contact) {
        return TopicReader.readAll(bootstrap, topics.segmentChanges(), Duration.ofSeconds(30)).stream()
                .map(r -> AvroCodec.of(SegmentMembershipChange.class).decode(r.value()))
                .filter(c -> c.getContactId().equals(contact))
                .map(c -> c.getKind() + " " + c.getSegmentId() + " at " + c.getEventTime() + " (" + c.getReason() + ")"
                        + (c.getManual() ? " manual" : ""))
                .toList();
    }

    /** Publishes a segment definition; returns its offset (the revision backfills report). */
    private static long define(KafkaProducer<String, String> producer, TopicNames topics, String id, String filters) throws Exception {
        String json = "{\"id\": \"" + id + "\", \"name\": \"" + id + "\", \"filters\": " + filters + "}";
        return producer.send(new ProducerRecord<>(topics.definitions(), TopicNames.definitionKey("segments", id), json)).get().offset();
    }

    private static Properties props(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return p;
    }
}
