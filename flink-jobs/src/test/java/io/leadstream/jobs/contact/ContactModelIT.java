package io.leadstream.jobs.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.common.kafka.TopicAdmin;
import io.leadstream.jobs.EngineJobs;
import io.leadstream.jobs.EngineOptions;
import io.leadstream.jobs.identity.IdentityScenario;
import io.leadstream.jobs.identity.RawEventsProducer;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.stack.TopicReader;
import io.leadstream.store.cassandra.CassandraSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
 * The contact processor against a plain reference model, through real Kafka, the engine on the
 * MiniCluster (parallelism 2 over 4 partitions) and Cassandra. Thousands of contacts over ten days
 * of page hits, forms (point actions), tags given through the API, merges (shared emails) and
 * re-points; segments defined before the start, in the middle (a behaviour filter over the events
 * before it, a segment of segments) and after a restore; the first job is cancelled after a
 * checkpoint, with its output past the checkpoint already in Kafka, and a second job restored from
 * it finishes the stream. Every surviving contact's points, groups and tags in contact_profiles,
 * and every segment's members, must equal the model's exactly: merged ids in no list.
 */
@ExtendWith(LeadStreamStackExtension.class)
class ContactModelIT {
    private static final int PARTITIONS = 4;
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final String[][] AT_START = {
            {"point-actions", "pricing", "{\"id\": \"pricing\", \"name\": \"Pricing\", \"type\": \"page_hit\", \"url\": \"*/pricing*\", \"points\": 10, \"repeatable\": true}"},
            {"point-actions", "docs", "{\"id\": \"docs\", \"name\": \"Docs\", \"type\": \"page_hit\", \"url\": \"*/docs/*\", \"points\": 3, \"group\": \"product\", \"repeatable\": true}"},
            {"point-actions", "signup", "{\"id\": \"signup\", \"name\": \"Sign-up\", \"type\": \"form_submit\", \"form\": \"signup\", \"points\": 5, \"repeatable\": true}"},
            segment("hot", "[{\"kind\": \"points\", \"operator\": \"gte\", \"value\": 50}]"),
            segment("product-fans", "[{\"kind\": \"points\", \"group\": \"product\", \"operator\": \"gte\", \"value\": 9}]"),
            segment("tagged-vip", "[{\"kind\": \"tags\", \"operator\": \"any\", \"tags\": [\"vip\"]}]"),
            segment("fr", "[{\"kind\": \"field\", \"field\": \"country\", \"operator\": \"eq\", \"value\": \"FR\"}]"),
            segment("recent", "[{\"kind\": \"last_active\", \"operator\": \"gte\", \"date\": \"-3 days\"}]")};
    private static final String[][] MIDWAY = {
            segment("pricing-3x-7d", "[{\"kind\": \"behavior\", \"behavior\": \"page_hit\", \"url\": \"*/pricing*\", \"within\": \"P7D\", \"count\": 3}]"),
            segment("vip-hot", "[{\"kind\": \"segment\", \"segment\": \"hot\", \"operator\": \"member\"},"
                    + " {\"kind\": \"segment\", \"segment\": \"tagged-vip\", \"operator\": \"member\"}]")};
    private static final String[][] AFTER_RESTORE = {
            segment("inactive", "[{\"kind\": \"behavior\", \"behavior\": \"any_event\", \"within\": \"P2D\", \"operator\": \"lt\", \"count\": 1}]")};

    @Test
    void profilesAndMembershipsMatchTheReferenceModelThroughMergesAndARestore(TestNamespace ns, @TempDir Path checkpoints) throws Exception {
        LeadStreamConfig config = ns.config()
                .with(KafkaOptions.PARTITIONS, PARTITIONS)
                .with(EngineOptions.PARALLELISM, 2)
                .with(EngineOptions.MAX_OUT_OF_ORDERNESS, BOUND)
                .with(EngineOptions.WATERMARK_FOLLOWS_CLOCK, false)
                .with(EngineOptions.IDLE_TIMEOUT, Duration.ofMinutes(5))
                .with(EngineOptions.CHECKPOINT_DIR, checkpoints.toUri().toString())
                .with(EngineOptions.CHECKPOINT_INTERVAL, Duration.ofHours(1)); // the first job checkpoints when the test says so
        TopicAdmin.ensureTopics(config);
        CassandraSchema.apply(config);
        TopicNames topics = TopicNames.from(config);
        String bootstrap = config.get(KafkaOptions.BOOTSTRAP_SERVERS);

        long seed = 20261203L;
        ContactScenario.Generated scenario = ContactScenario.generate(new Random(seed), 3000, 400);
        ContactReferenceModel model = new ContactReferenceModel(scenario);
        List<List<TrackingEvent>> buckets = IdentityScenario.shuffledBuckets(scenario.all(), new Random(seed + 1));
        int third = buckets.size() / 3;
        long end = scenario.lastEventTime() + 3_600_000;
        long watermark = end - BOUND.toMillis() - 1; // what the tails let through: every event, none of the tails

        try (RawEventsProducer producer = new RawEventsProducer(config);
             KafkaProducer<String, String> definitions = new KafkaProducer<>(props(bootstrap), new StringSerializer(), new StringSerializer());
             CqlSession session = ns.stack().cassandra().newSession()) {
            define(definitions, topics, AT_START);
            buckets.subList(0, third).forEach(producer::send);
            JobID first = EngineJobs.start(ns, config, "contacts-first-" + ns.keyspace());
            await().atMost(Duration.ofSeconds(60)).until(() -> contactEvents(bootstrap, topics) > 0);
            define(definitions, topics, MIDWAY); // backfilled over what the engine holds, behaviour counted from before
            buckets.subList(third, 2 * third).forEach(producer::send);
            String checkpoint = ns.stack().flink().checkpoint(first);
            int atCheckpoint = contactEvents(bootstrap, topics);
            buckets.subList(2 * third, 2 * third + third / 2).forEach(producer::send);
            await().atMost(Duration.ofSeconds(60)).until(() -> contactEvents(bootstrap, topics) > atCheckpoint);
            ns.stack().flink().cancel(first);

            buckets.subList(2 * third + third / 2, buckets.size()).forEach(producer::send);
            producer.tails(PARTITIONS, end);
            JobID restored = EngineJobs.start(ns, config.with(EngineOptions.RESTORE_PATH, checkpoint).with(EngineOptions.CHECKPOINT_INTERVAL, Duration.ofSeconds(1)),
                    "contacts-restored-" + ns.keyspace());
            try {
                define(definitions, topics, AFTER_RESTORE);
                Map<String, Set<String>> expectedMembers = model.members(watermark);
                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
                    assertThat(differences(expected(model), profiles(session, ns.keyspace(), model.contacts())))
                            .as("contacts whose points, groups or tags differ from the model's (expected, actual)").isEmpty();
                    assertThat(differences(expectedMembers, members(session, ns.keyspace(), expectedMembers.keySet())))
                            .as("segments whose members differ from the model's (missing, extra)").isEmpty();
                });
                System.out.printf("contact model IT (seed %d): %d events, %d tag events, %d surviving contacts; members %s%n", seed,
                        scenario.tracked().size(), scenario.tags().size(), model.contacts().size(),
                        expectedMembers.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().size()).toList());
                assertThat(expectedMembers.values()).as("every segment has members in the scenario").allMatch(m -> !m.isEmpty());
                assertThat(scenario.tracked().size() + scenario.tags().size() - model.contacts().size())
                        .as("merges and repeat visits make fewer contacts than events").isGreaterThan(1000);
            } finally {
                ns.stack().flink().cancel(restored);
            }
        }
    }

    /** Per key: what differs between two maps (for sets: what is missing and what is extra). */
    private static <V> Map<String, String> differences(Map<String, V> expected, Map<String, V> actual) {
        Map<String, String> out = new TreeMap<>();
        expected.forEach((key, want) -> {
            V got = actual.get(key);
            if (!want.equals(got)) {
                if (want instanceof Set<?> w && got instanceof Set<?> g) {
                    Set<Object> missing = new TreeSet<>(w);
                    missing.removeAll(g);
                    Set<Object> extra = new TreeSet<>(g);
                    extra.removeAll(w);
                    out.put(key, "missing " + missing + ", extra " + extra);
                } else {
                    out.put(key, want + " != " + got);
                }
            }
        });
        return out;
    }

    private static String[] segment(String id, String filters) {
        return new String[] {"segments", id, "{\"id\": \"" + id + "\", \"name\": \"" + id + "\", \"filters\": " + filters + "}"};
    }

    private static Map<String, ContactReferenceModel.Profile> expected(ContactReferenceModel model) {
        Map<String, ContactReferenceModel.Profile> out = new TreeMap<>();
        model.contacts().forEach(c -> out.put(c, model.profile(c)));
        return out;
    }

    /** The profile view of each of {@code contacts} (zero and none without a row). */
    private static Map<String, ContactReferenceModel.Profile> profiles(CqlSession session, String ks, Set<String> contacts) {
        Map<String, ContactReferenceModel.Profile> rows = new HashMap<>();
        for (Row r : session.execute("SELECT contact_id, points, points_by_group, tags FROM " + ks + ".contact_profiles")) {
            rows.put(r.getString("contact_id"), new ContactReferenceModel.Profile(r.getInt("points"),
                    r.getMap("points_by_group", String.class, Integer.class), new TreeSet<>(r.getSet("tags", String.class))));
        }
        Map<String, ContactReferenceModel.Profile> out = new TreeMap<>();
        contacts.forEach(c -> out.put(c, rows.getOrDefault(c, new ContactReferenceModel.Profile(0, Map.of(), Set.of()))));
        return out;
    }

    private static Map<String, Set<String>> members(CqlSession session, String ks, Set<String> segments) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (String segment : segments) {
            Set<String> members = new TreeSet<>();
            session.execute("SELECT contact_id FROM " + ks + ".segment_members WHERE segment_id = ?", segment)
                    .forEach(r -> members.add(r.getString("contact_id")));
            out.put(segment, members);
        }
        return out;
    }

    private static int contactEvents(String bootstrap, TopicNames topics) {
        return TopicReader.readAll(bootstrap, topics.contactEvents(), Duration.ofSeconds(10), IsolationLevel.READ_UNCOMMITTED).size();
    }


    private static void define(KafkaProducer<String, String> producer, TopicNames topics, String[][] definitions) throws Exception {
        for (String[] d : definitions) {
            producer.send(new ProducerRecord<>(topics.definitions(), TopicNames.definitionKey(d[0], d[1]), d[2])).get();
        }
    }

    private static Properties props(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return p;
    }
}
