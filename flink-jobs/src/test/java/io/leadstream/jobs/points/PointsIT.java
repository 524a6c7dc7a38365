package io.leadstream.jobs.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.common.ids.IdentityIds;
import io.leadstream.common.kafka.TopicAdmin;
import io.leadstream.jobs.EngineJob;
import io.leadstream.jobs.EngineOptions;
import io.leadstream.jobs.identity.RawEventsProducer;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.engine.PointTriggerFired;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.schemas.engine.SegmentMembershipChange;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.stack.TopicReader;
import io.leadstream.store.cassandra.CassandraSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Points through the whole engine: definitions on the definitions topic, page hits on raw-events,
 * identity, the points stage; scores and the points log in Cassandra, changes and fired triggers
 * in Kafka. A point action redefined while the job runs applies to the events after it, and a
 * live hit changes the score and enters a points segment, visible in Cassandra once the next checkpoint
 * completes (the membership view is written then: CommittedCassandraSink).
 */
@ExtendWith(LeadStreamStackExtension.class)
class PointsIT {
    private static final int PARTITIONS = 2;

    @Test
    void pageHitsScoreFireATriggerAndARedefinedActionAppliesLive(TestNamespace ns) throws Exception {
        LeadStreamConfig config = ns.config()
                .with(KafkaOptions.PARTITIONS, PARTITIONS)
                .with(EngineOptions.PARALLELISM, 2)
                .with(EngineOptions.CHECKPOINT_INTERVAL, Duration.ofSeconds(1))
                .with(EngineOptions.IDLE_TIMEOUT, Duration.ofMinutes(5));
        TopicAdmin.ensureTopics(config);
        CassandraSchema.apply(config);
        TopicNames topics = TopicNames.from(config);
        String bootstrap = config.get(KafkaOptions.BOOTSTRAP_SERVERS);
        String contact = IdentityIds.anon("dev-1");

        try (KafkaProducer<String, String> definitions = definitionsProducer(bootstrap);
             RawEventsProducer raw = new RawEventsProducer(config);
             CqlSession session = ns.stack().cassandra().newSession()) {
            define(definitions, topics, "point-actions/pricing",
                    "{\"id\": \"pricing\", \"name\": \"Pricing\", \"type\": \"page_hit\", \"url\": \"*/pricing*\", \"points\": 10, \"repeatable\": true}");
            define(definitions, topics, "segments/hot",
                    "{\"id\": \"hot\", \"name\": \"Hot\", \"filters\": [{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 40}]}");
            define(definitions, topics, "point-triggers/mql",
                    "{\"id\": \"mql\", \"name\": \"MQL\", \"threshold\": 25, \"actions\": [{\"type\": \"segment_add\", \"segment\": \"mql\"},"
                            + " {\"type\": \"send_email\", \"email\": \"welcome\"}]}");

            StreamExecutionEnvironment env = EngineJob.environment(config);
            EngineJob.build(env, config);
            JobID job = ns.stack().flink().submit(env, "points-" + ns.keyspace());
            try {
                ns.stack().flink().awaitRunning(job, Duration.ofSeconds(60));
                // Stamped ahead of the clock: the watermark (following the clock) holds these hits
                // until long after the definitions have reached every subtask.
                long t0 = System.currentTimeMillis() + 5_000;
                raw.send(List.of(
                        ContactEvents.rawPage("p1", "dev-1", t0, "https://shop.example.com/pricing"),
                        ContactEvents.rawPage("p2", "dev-1", t0 + 1_000, "https://shop.example.com/pricing?x"),
                        ContactEvents.rawPage("p3", "dev-1", t0 + 2_000, "https://shop.example.com/about"),
                        ContactEvents.rawPage("p4", "dev-1", t0 + 3_000, "https://shop.example.com/pricing")));
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> assertThat(score(session, ns.keyspace(), contact)).isEqualTo(30));

                // Redefined while running: the next hit is worth 5.
                define(definitions, topics, "point-actions/pricing",
                        "{\"id\": \"pricing\", \"name\": \"Pricing\", \"type\": \"page_hit\", \"url\": \"*/pricing*\", \"points\": 5, \"repeatable\": true}");
                // Stamped 2 s ahead, for the same reason.
                raw.send(List.of(ContactEvents.rawPage("p5", "dev-1", System.currentTimeMillis() + 2_000, "https://shop.example.com/pricing")));
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> assertThat(score(session, ns.keyspace(), contact)).isEqualTo(35));

                // The points log is the contact's timeline, newest first, between its page hits.
                List<Map<String, String>> log = session.execute("SELECT kind, detail FROM " + ns.keyspace()
                        + ".contact_timeline WHERE contact_id = ?", contact).all().stream()
                        .filter(r -> "points".equals(r.getString("kind")))
                        .map(r -> r.getMap("detail", String.class, String.class)).toList();
                assertThat(log).extracting(d -> d.get("cause") + " " + d.get("delta") + " = " + d.get("points") + " by " + d.get("reason"))
                        .containsExactly("p5 5 = 35 by pricing", "p4 10 = 30 by pricing", "p2 10 = 20 by pricing", "p1 10 = 10 by pricing");

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    List<PointsChange> changes = TopicReader.readAll(bootstrap, topics.points(), Duration.ofSeconds(30)).stream()
                            .map(r -> AvroCodec.of(PointsChange.class).decode(r.value())).toList();
                    assertThat(changes).extracting(PointsChange::getSequence).containsExactly(1L, 2L, 3L, 4L);
                });
                List<PointTriggerFired> fired = TopicReader.readAll(bootstrap, topics.pointTriggers(), Duration.ofSeconds(30)).stream()
                        .map(r -> AvroCodec.of(PointTriggerFired.class).decode(r.value())).toList();
                assertThat(fired).singleElement().satisfies(f -> {
                    assertThat(f.getFiringId()).isEqualTo("mql:" + contact + "@p4");
                    assertThat(f.getScore()).isEqualTo(30);
                    assertThat(f.getActions()).contains("\"segment\":\"mql\"");
                });

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        TopicReader.readAll(bootstrap, topics.sendCommands(), Duration.ofSeconds(30)).stream()
                                .map(r -> AvroCodec.of(SendCommand.class).decode(r.value()))
                                .map(c -> c.getEmailId() + " " + c.getContactId()).toList())
                        .as("the trigger's send_email action, as a command for the outbox").containsExactly("welcome " + contact));
                assertThat(member(session, ns.keyspace(), contact)).as("35 points: not hot yet").isFalse();
                assertThat(session.execute("SELECT document FROM " + ns.keyspace() + ".definitions WHERE kind = 'point-actions' AND id = 'pricing'")
                        .one().getString("document")).as("definitions are stored in Cassandra as last read").contains("\"points\": 5");

                // Live traffic: a hit stamped now (as the gateway does) changes the score and enters
                // the segment; the view shows it once the next checkpoint (every second here) completes.
                long sent = System.currentTimeMillis();
                raw.send(List.of(ContactEvents.rawPage("p6", "dev-1", sent, "https://shop.example.com/pricing")));
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                        .until(() -> member(session, ns.keyspace(), contact));
                long latency = System.currentTimeMillis() - sent;
                System.out.printf("points IT: page hit to points and segment membership in Cassandra in %d ms%n", latency);
                assertThat(score(session, ns.keyspace(), contact)).isEqualTo(40);
                assertThat(latency).as("ms from the hit to its segment membership in Cassandra: within a checkpoint interval and a second")
                        .isLessThan(2_000);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        TopicReader.readAll(bootstrap, topics.segmentChanges(), Duration.ofSeconds(30)).stream()
                                .map(r -> AvroCodec.of(SegmentMembershipChange.class).decode(r.value()))
                                .map(c -> c.getKind() + " " + c.getSegmentId() + " " + c.getReason()).toList())
                        .containsExactly("ENTERED hot event p6"));
            } finally {
                ns.stack().flink().cancel(job);
            }
        }
    }

    private static Integer score(CqlSession session, String ks, String contact) {
        Row row = session.execute("SELECT points FROM " + ks + ".contact_profiles WHERE contact_id = ?", contact).one();
        return row == null ? null : row.getInt("points");
    }

    private static boolean member(CqlSession session, String ks, String contact) {
        return session.execute("SELECT contact_id FROM " + ks + ".segment_members WHERE segment_id = 'hot' AND contact_id = ?", contact).one() != null;
    }

    private static void define(KafkaProducer<String, String> producer, TopicNames topics, String key, String json) throws Exception {
        producer.send(new ProducerRecord<>(topics.definitions(), key, json)).get();
    }

    private static KafkaProducer<String, String> definitionsProducer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }
}
