package io.leadstream.bench.identity;

import io.leadstream.bench.BenchSupport;
import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.event.EventContext;
import io.leadstream.schemas.event.PageHit;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Page hits of many devices in event-time order, written to raw-events as the gateway writes
 * them. Every device appears (its first hit in a shuffled order), further hits go to random
 * devices. A share of devices identify: their first hit carries an email drawn from a pool
 * smaller than their number, so some emails are shared and their contacts merge.
 */
public final class IdentityWorkload {
    static final long T0 = 1_780_000_000_000L;
    /** Event-time step between consecutive hits: ~500 hits per second of site traffic. */
    private static final long STEP_MILLIS = 2;

    public record Counts(long events, int devices, int identifyingDevices, int emails, long lastEventTime) {}

    private IdentityWorkload() {}

    public static Counts produce(LeadStreamConfig config, int devices, long events, int identifyingPercent, long seed) {
        if (events < devices) {
            throw new IllegalArgumentException("events (" + events + ") must cover every device (" + devices + ")");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] firstHits = shuffledRange(devices, random);
        int identifying = (int) ((long) devices * identifyingPercent / 100);
        int emails = Math.max(1, identifying * 4 / 5);
        AvroCodec<TrackingEvent> codec = AvroCodec.of(TrackingEvent.class);
        String topic = TopicNames.from(config).rawEvents();
        long time = T0;
        try (KafkaProducer<String, byte[]> producer = producer(config)) {
            for (long k = 0; k < events; k++, time += STEP_MILLIS) {
                int d = k < devices ? firstHits[(int) k] : random.nextInt(devices);
                boolean identifies = k < devices && isIdentifying(d, identifyingPercent);
                String email = identifies ? "user" + Math.floorMod(Long.hashCode(d * 0x9E3779B97F4A7C15L), emails) + "@example.com" : null;
                TrackingEvent e = hit("b" + k, "device-" + d, time, email, (int) (k % 500));
                producer.send(new ProducerRecord<>(topic, e.getDeviceId(), codec.encode(e)));
            }
            producer.flush();
        }
        return new Counts(events, devices, identifying, emails, time - STEP_MILLIS);
    }

    /** One hit per partition far past the last event: every partition's watermark then passes everything. */
    static void tails(LeadStreamConfig config, long time) {
        AvroCodec<TrackingEvent> codec = AvroCodec.of(TrackingEvent.class);
        String topic = TopicNames.from(config).rawEvents();
        try (KafkaProducer<String, byte[]> producer = producer(config)) {
            for (int partition = 0; partition < config.get(KafkaOptions.PARTITIONS); partition++) {
                TrackingEvent tail = hit("tail-" + partition, "tail-device-" + partition, time, null, 0);
                producer.send(new ProducerRecord<>(topic, partition, tail.getDeviceId(), codec.encode(tail)));
            }
        }
    }

    /** The first {@code percent} of every 100 device numbers. */
    private static boolean isIdentifying(int device, int percent) {
        return device % 100 < percent;
    }

    private static TrackingEvent hit(String eventId, String device, long time, String email, int page) {
        return TrackingEvent.newBuilder()
                .setEventId(eventId)
                .setEventTime(Instant.ofEpochMilli(time))
                .setSource(Source.TRACKER)
                .setDeviceId(device)
                .setContext(EventContext.newBuilder().setTrackable(true).setIp("203.0.113." + (page % 250))
                        .setUserAgent("Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/140.0").build())
                .setFields(email == null ? Map.of() : Map.of("email", email))
                .setPayload(PageHit.newBuilder().setUrl("https://shop.example.com/products/" + page)
                        .setTitle("Product " + page).build())
                .build();
    }

    private static int[] shuffledRange(int n, SplittableRandom random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    private static KafkaProducer<String, byte[]> producer(LeadStreamConfig config) {
        return BenchSupport.bulkProducer(config.get(KafkaOptions.BOOTSTRAP_SERVERS));
    }
}
