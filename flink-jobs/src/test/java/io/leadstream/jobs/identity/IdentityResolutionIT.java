package io.leadstream.jobs.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.common.config.EngineOptions;
import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.common.kafka.TopicAdmin;
import io.leadstream.jobs.EngineJob;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.store.cassandra.CassandraSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
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
 * A randomized scenario through real Kafka, the engine on the MiniCluster (parallelism 2) and
 * Cassandra: thousands of devices, shared emails (merges), devices switching email (re-points),
 * simultaneous claims of one email on different partitions, events shuffled within the watermark
 * bound. The final grouping of devices into contacts, the event count per contact and the
 * surviving ids read back from Cassandra must equal the reference model's.
 */
@ExtendWith(LeadStreamStackExtension.class)
class IdentityResolutionIT {
    private static final long T0 = 1_780_000_000_000L;
    private static final int PARTITIONS = 4;

    @Test
    void streamingIdentityMatchesTheReferenceModel(TestNamespace ns) throws Exception {
        LeadStreamConfig config = ns.config()
                .with(KafkaOptions.PARTITIONS, PARTITIONS)
                .with(EngineOptions.PARALLELISM, 2)
                .with(EngineOptions.CHECKPOINT_INTERVAL, Duration.ofSeconds(2))
                // Every partition ends with a tail event; no split may be declared idle while the
                // MiniCluster is still starting the other reader (that would make its events late).
                .with(EngineOptions.IDLE_TIMEOUT, Duration.ofMinutes(5));
        TopicAdmin.ensureTopics(config);
        CassandraSchema.apply(config);

        List<TrackingEvent> events = scenario(new Random(20261123L), 3000, 500);
        IdentityReferenceModel model = new IdentityReferenceModel(events, new IdentifierClaims("email"));
        send(config, events);

        StreamExecutionEnvironment env = EngineJob.environment(config);
        EngineJob.build(env, config);
        JobID job = ns.stack().flink().submit(env, "identity-" + ns.keyspace());
        try (CqlSession session = ns.stack().cassandra().newSession()) {
            ns.stack().flink().awaitRunning(job, Duration.ofSeconds(60));
            Map<String, Long> expectedCounts = countsPerContact(model.contactOfEvent, model::resolve);
            Map<String, String> expectedDevices = resolveAll(model.currentContactOfDevice, model::resolve);

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                CassandraView view = new CassandraView(session, ns.keyspace());
                assertThat(view.contactOfEvent).as("timeline rows").hasSize(events.size());
                assertThat(differences(resolveAll(view.deviceContacts(model.currentContactOfDevice.keySet()), view::resolve),
                        expectedDevices)).as("devices grouped into contacts: engine vs model").isEmpty();
                assertThat(differences(countsPerContact(view.contactOfEvent, view::resolve), expectedCounts))
                        .as("events per surviving contact: engine vs model").isEmpty();
            });
            long merges = model.aliases.size();
            long contacts = expectedCounts.size();
            System.out.printf("identity IT: %d events, %d devices -> %d contacts, %d aliases%n",
                    events.size(), expectedDevices.size(), contacts, merges);
            assertThat(merges).as("the scenario merges").isGreaterThan(100);
        } finally {
            ns.stack().flink().cancel(job);
        }
    }

    /** Devices with 1-6 hits; 40% identify with one of {@code emails} (collisions merge), 8% switch later. */
    private static List<TrackingEvent> scenario(Random random, int devices, int emails) {
        List<TrackingEvent> events = new ArrayList<>();
        int n = 0;
        for (int d = 0; d < devices; d++) {
            String device = "dev-" + d;
            int hits = 1 + random.nextInt(6);
            long t = T0 + random.nextInt(60_000);
            String email = random.nextInt(100) < 40 ? "user" + random.nextInt(emails) + "@example.com" : null;
            int identifyAt = email == null ? -1 : random.nextInt(hits);
            String other = random.nextInt(100) < 8 ? "user" + random.nextInt(emails) + "@example.com" : null;
            for (int h = 0; h < hits; h++) {
                String claim = h == identifyAt ? (h % 2 == 0 ? email : email.toUpperCase()) : null;
                if (other != null && h == hits - 1 && h > identifyAt) {
                    claim = other;
                }
                events.add(Events.hit(String.format("e%06d", n++), device, t, claim));
                t += 1 + random.nextInt(4_000);
            }
        }
        // The same email claimed at the same millisecond by two fresh devices (different partitions).
        for (int i = 0; i < 20; i++) {
            long t = T0 + 10_000 + i * 1_000;
            events.add(Events.hit(String.format("e%06d", n++), "twin-a-" + i, t, "twin" + i + "@example.com"));
            events.add(Events.hit(String.format("e%06d", n++), "twin-b-" + i, t, "twin" + i + "@example.com"));
        }
        return events;
    }

    /** Shuffled within 3 s buckets (inside the 5 s watermark bound), then a tail per partition that moves the watermark past all. */
    private static void send(LeadStreamConfig config, List<TrackingEvent> events) throws Exception {
        Map<Long, List<TrackingEvent>> buckets = new TreeMap<>();
        events.forEach(e -> buckets.computeIfAbsent(e.getEventTime().toEpochMilli() / 3_000, k -> new ArrayList<>()).add(e));
        Random random = new Random(7);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(KafkaOptions.BOOTSTRAP_SERVERS));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        AvroCodec<TrackingEvent> codec = AvroCodec.of(TrackingEvent.class);
        String topic = TopicNames.from(config).rawEvents();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (List<TrackingEvent> bucket : buckets.values()) {
                Collections.shuffle(bucket, random);
                for (TrackingEvent e : bucket) {
                    producer.send(new ProducerRecord<>(topic, e.getDeviceId(), codec.encode(e)));
                }
            }
            long end = events.stream().mapToLong(e -> e.getEventTime().toEpochMilli()).max().orElseThrow() + 600_000;
            for (int partition = 0; partition < PARTITIONS; partition++) {
                TrackingEvent tail = Events.hit("tail-" + partition, "tail-device-" + partition, end, null);
                producer.send(new ProducerRecord<>(topic, partition, tail.getDeviceId(), codec.encode(tail)));
            }
            producer.flush();
        }
    }

    /** Keys whose values differ, "engine / model", at most 10: a readable failure. */
    private static <V> Map<String, String> differences(Map<String, V> engine, Map<String, V> model) {
        Map<String, String> out = new TreeMap<>();
        java.util.Set<String> keys = new java.util.TreeSet<>(engine.keySet());
        keys.addAll(model.keySet());
        for (String k : keys) {
            if (!java.util.Objects.equals(engine.get(k), model.get(k)) && out.size() < 10) {
                out.put(k, engine.get(k) + " / " + model.get(k));
            }
        }
        return out;
    }

    private static Map<String, Long> countsPerContact(Map<String, String> contactOfEvent, java.util.function.UnaryOperator<String> resolve) {
        return contactOfEvent.entrySet().stream().filter(e -> !e.getKey().startsWith("tail-"))
                .collect(Collectors.groupingBy(e -> resolve.apply(e.getValue()), TreeMap::new, Collectors.counting()));
    }

    private static Map<String, String> resolveAll(Map<String, String> byDevice, java.util.function.UnaryOperator<String> resolve) {
        Map<String, String> out = new TreeMap<>();
        byDevice.forEach((device, contact) -> {
            if (!device.startsWith("tail-")) {
                out.put(device, resolve.apply(contact));
            }
        });
        return out;
    }

    /** What the engine wrote, read back with plain CQL. */
    private static final class CassandraView {
        final Map<String, String> contactOfEvent = new HashMap<>();
        final Map<String, String> aliases = new HashMap<>();
        final Map<String, String> devices = new HashMap<>();

        CassandraView(CqlSession session, String ks) {
            for (Row r : session.execute("SELECT contact_id, event_id FROM " + ks + ".contact_timeline")) {
                contactOfEvent.put(r.getString("event_id"), r.getString("contact_id"));
            }
            // Rows come in clustering order within a partition: the first row per alias is current.
            for (Row r : session.execute("SELECT alias_id, target_id FROM " + ks + ".contact_aliases")) {
                aliases.putIfAbsent(r.getString("alias_id"), r.getString("target_id"));
            }
            for (Row r : session.execute("SELECT device_id, contact_id FROM " + ks + ".device_contacts")) {
                devices.put(r.getString("device_id"), r.getString("contact_id"));
            }
        }

        String resolve(String contact) {
            return Aliases.resolve(aliases, contact);
        }

        /** A device never identified has no row: its contact is its base contact. */
        Map<String, String> deviceContacts(java.util.Set<String> allDevices) {
            Map<String, String> out = new HashMap<>();
            allDevices.forEach(d -> out.put(d, devices.getOrDefault(d, IdentityIds.anon(d))));
            return out;
        }
    }
}
