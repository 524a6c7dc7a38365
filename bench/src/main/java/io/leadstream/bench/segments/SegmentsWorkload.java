package io.leadstream.bench.segments;

import io.leadstream.bench.BenchSupport;
import io.leadstream.bench.ContactEvents;
import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.event.EmailClick;
import io.leadstream.schemas.event.EmailOpen;
import io.leadstream.schemas.event.FormSubmission;
import io.leadstream.schemas.event.PageHit;
import io.leadstream.schemas.event.TrackingEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Contact events as the identity stage hands them on (contact id set, keyed by contact), in
 * event-time order over a few days of synthetic time, so windows slide and timers fire: every
 * contact's first event carries its profile (country, plan, email), later events go to random
 * contacts: 85% page hits over 500 product pages, 8% form submissions, 5% email opens, 2% clicks.
 *
 * <p>Two phases, each closed by sentinels: first every contact's first event (new contacts, which
 * enter many segments at once), then the other events (known contacts). A sentinel: for every
 * partition and every subtask, one contact whose key lands on that subtask sends a sentinel hit,
 * last in its partition. Every earlier event of the partition reaches that subtask's points and
 * segment operators before it (channels are FIFO, and both stages key by contact, so a contact is
 * on the same subtask in both): when all of a phase's sentinel contacts have entered the sentinel
 * segment, every event of the phase has been through.
 */
final class SegmentsWorkload {
    static final long T0 = 1_780_000_000_000L;
    /** Event-time step between events: 2M events span about 2.3 days. */
    private static final long STEP_MILLIS = 100;

    /** {@code sentinels}: per phase. */
    record Counts(long events, int contacts, int sentinels, long lastEventTime) {}

    private SegmentsWorkload() {}

    static Counts produce(LeadStreamConfig config, int contacts, long events, int parallelism, long seed) {
        if (events < contacts) {
            throw new IllegalArgumentException("events (" + events + ") must cover every contact (" + contacts + ")");
        }
        SplittableRandom random = new SplittableRandom(seed);
        AvroCodec<TrackingEvent> codec = AvroCodec.of(TrackingEvent.class);
        String topic = TopicNames.from(config).rawEvents();
        long time = T0;
        int partitions = config.get(KafkaOptions.PARTITIONS);
        try (KafkaProducer<String, byte[]> producer = producer(config)) {
            for (long k = 0; k < events; k++, time += STEP_MILLIS) {
                int c = k < contacts ? (int) k : random.nextInt(contacts);
                TrackingEvent e = k < contacts ? first("s" + k, c, time) : next("s" + k, c, time, random);
                producer.send(new ProducerRecord<>(topic, e.getContactId(), codec.encode(e)));
                if (k == contacts - 1) {
                    sentinels(producer, codec, topic, "new", partitions, parallelism, time += STEP_MILLIS);
                }
            }
            sentinels(producer, codec, topic, "known", partitions, parallelism, time);
            producer.flush();
        }
        return new Counts(events, contacts, partitions * parallelism, time);
    }

    private static void sentinels(KafkaProducer<String, byte[]> producer, AvroCodec<TrackingEvent> codec, String topic, String phase,
                                  int partitions, int parallelism, long time) {
        for (int p = 0; p < partitions; p++) {
            for (int subtask = 0; subtask < parallelism; subtask++) {
                String contact = sentinelContact(phase, p, subtask, parallelism);
                TrackingEvent e = ContactEvents.of(contact, contact, time, Map.of(SegmentsBenchDefinitions.SENTINEL, "yes"),
                        PageHit.newBuilder().setUrl("https://shop.example.com/sentinel").build());
                producer.send(new ProducerRecord<>(topic, p, contact, codec.encode(e)));
            }
        }
    }

    /** A contact id whose key group belongs to {@code subtask} (Flink's default max parallelism). */
    static String sentinelContact(String phase, int partition, int subtask, int parallelism) {
        int maxParallelism = KeyGroupRangeAssignment.computeDefaultMaxParallelism(parallelism);
        for (int n = 0; ; n++) {
            String id = "sentinel-" + phase + "-" + partition + "-" + subtask + "-" + n;
            if (KeyGroupRangeAssignment.assignKeyToParallelOperator(id, maxParallelism, parallelism) == subtask) {
                return id;
            }
        }
    }

    private static TrackingEvent first(String id, int c, long time) {
        Map<String, String> fields = new HashMap<>();
        fields.put("country", SegmentsBenchDefinitions.COUNTRIES[c % SegmentsBenchDefinitions.COUNTRIES.length]);
        fields.put("plan", SegmentsBenchDefinitions.PLANS[(c / 10) % SegmentsBenchDefinitions.PLANS.length]);
        if (c % 3 == 0) {
            fields.put("email", "user" + c + "@example.com");
        }
        return ContactEvents.of(id, contact(c), time, fields, page(c % 500));
    }

    private static TrackingEvent next(String id, int c, long time, SplittableRandom random) {
        int roll = random.nextInt(100);
        Object payload;
        if (roll < 85) {
            payload = page(random.nextInt(500));
        } else if (roll < 93) {
            payload = FormSubmission.newBuilder().setFormId("f" + random.nextInt(6)).setValues(Map.of()).build();
        } else if (roll < 98) {
            payload = EmailOpen.newBuilder().setSendId("send-" + id).setEmailId("e" + random.nextInt(4)).setProxied(false).build();
        } else {
            payload = EmailClick.newBuilder().setSendId("send-" + id).setEmailId("e" + random.nextInt(4))
                    .setUrl("https://shop.example.com/products/" + random.nextInt(500)).build();
        }
        return ContactEvents.of(id, contact(c), time, Map.of(), payload);
    }

    private static PageHit page(int n) {
        return PageHit.newBuilder().setUrl("https://shop.example.com/products/" + n).setTitle("Product " + n).build();
    }

    private static String contact(int c) {
        return "contact-" + c;
    }

    private static KafkaProducer<String, byte[]> producer(LeadStreamConfig config) {
        return BenchSupport.bulkProducer(config.get(KafkaOptions.BOOTSTRAP_SERVERS));
    }
}
