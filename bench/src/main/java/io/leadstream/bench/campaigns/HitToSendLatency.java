package io.leadstream.bench.campaigns;

import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.TrackingEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Open loop at a fixed rate: new contacts submit the sign-up form while the job runs, and each one's
 * welcome email command is matched to its hit. Latency is from the hit's record timestamp (set when
 * the driver sends it) to the send command's (set when the engine's sink writes it): Kafka in,
 * the campaign stage, Kafka out. Same machine, same clock.
 */
final class HitToSendLatency {
    record Result(int sent, int matched, Histogram millis) {}

    private HitToSendLatency() {}

    static Result measure(LeadStreamConfig config, String sendsTopic, double rate, Duration duration, long eventTime) throws Exception {
        String bootstrap = config.get(KafkaOptions.BOOTSTRAP_SERVERS);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Histogram histogram = new Histogram(3_600_000L, 3);
        int total = (int) (rate * duration.toSeconds());
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap); KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            List<TopicPartition> partitions = consumer.partitionsFor(sendsTopic).stream()
                    .map(p -> new TopicPartition(sendsTopic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // fixes the start before the first hit
            AvroCodec<TrackingEvent> events = AvroCodec.of(TrackingEvent.class);
            String raw = TopicNames.from(config).rawEvents();
            long start = System.nanoTime();
            for (int k = 0; k < total; k++) {
                long due = start + (long) (k * 1e9 / rate);
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                String contact = "live-" + k;
                long now = System.currentTimeMillis();
                sentAt.put(contact, now);
                producer.send(new ProducerRecord<>(raw, null, now, contact, events.encode(CampaignsWorkload.signup(contact, eventTime + k))));
                if (k % 200 == 0) {
                    drain(consumer, sentAt, histogram, Duration.ZERO);
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (histogram.getTotalCount() < total && System.nanoTime() < deadline) {
                drain(consumer, sentAt, histogram, Duration.ofMillis(200));
            }
        }
        return new Result(total, (int) histogram.getTotalCount(), histogram);
    }

    private static void drain(KafkaConsumer<String, byte[]> consumer, Map<String, Long> sentAt, Histogram histogram, Duration wait) {
        AvroCodec<SendCommand> codec = AvroCodec.of(SendCommand.class);
        for (ConsumerRecord<String, byte[]> r : consumer.poll(wait)) {
            Long sent = sentAt.remove(r.key());
            if (sent != null && "welcome".equals(codec.decode(r.value()).getEmailId())) {
                histogram.recordValue(Math.max(0, r.timestamp() - sent));
            }
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Hits go one by one, as a site's do: no lingering. */
    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }
}
