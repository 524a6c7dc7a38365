package io.leadstream.jobs.identity;

import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.event.TrackingEvent;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes test events to the raw-events topic the way the gateway does: Avro, keyed by device. */
public final class RawEventsProducer implements AutoCloseable {
    private final AvroCodec<TrackingEvent> codec = AvroCodec.of(TrackingEvent.class);
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    public RawEventsProducer(LeadStreamConfig config) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(KafkaOptions.BOOTSTRAP_SERVERS));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        topic = TopicNames.from(config).rawEvents();
    }

    /** Sends in list order and waits until Kafka has them all. */
    public RawEventsProducer send(List<TrackingEvent> events) {
        events.forEach(e -> producer.send(new ProducerRecord<>(topic, e.getDeviceId(), codec.encode(e))));
        producer.flush();
        return this;
    }

    /**
     * One event per partition at {@code time}: every partition's watermark then passes all
     * earlier events, so the engine releases what it buffers. Tail devices start with "tail-".
     */
    public RawEventsProducer tails(int partitions, long time) {
        for (int partition = 0; partition < partitions; partition++) {
            TrackingEvent tail = Events.hit("tail-" + partition + "@" + time, "tail-device-" + partition, time, null);
            producer.send(new ProducerRecord<>(topic, partition, tail.getDeviceId(), codec.encode(tail)));
        }
        producer.flush();
        return this;
    }

    @Override
    public void close() {
        producer.close();
    }
}
