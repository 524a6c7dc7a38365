package io.leadstream.examples.changes;

import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.codec.TrustedRecords;
import io.leadstream.schemas.engine.ContactChange;
import io.leadstream.schemas.engine.PointsChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The change stream read with plain Kafka clients: both topics from the beginning up to their ends
 * as they are when it starts, folded into every contact's profile. No consumer group: a reader that
 * rebuilds everything needs every partition, and commits nothing.
 *
 * <pre>java -cp ... io.leadstream.examples.changes.KafkaProfileReader localhost:9092 [topic-prefix]</pre>
 */
public final class KafkaProfileReader {
    private KafkaProfileReader() {}

    public static void main(String[] args) {
        String bootstrap = args.length > 0 ? args[0] : "localhost:9092";
        String prefix = args.length > 1 ? args[1] : "leadstream.";
        readToEnd(bootstrap, prefix, Duration.ofMinutes(5)).values().forEach(System.out::println);
    }

    /** The profiles as of the topics' ends when this starts; fails if they are not read within {@code timeout}. */
    public static Map<String, RebuiltProfile> readToEnd(String bootstrap, String prefix, Duration timeout) {
        TrustedRecords.install();
        AvroCodec<ContactChange> changes = AvroCodec.of(ContactChange.class);
        AvroCodec<PointsChange> points = AvroCodec.of(PointsChange.class);
        String changesTopic = prefix + "contact-changes";
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        ProfileFold fold = new ProfileFold();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(changesTopic, prefix + "points")) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("change stream not read to its end within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) {
                        continue; // a tombstone: nothing to fold
                    }
                    if (r.topic().equals(changesTopic)) {
                        fold.apply(changes.decode(r.value()));
                    } else {
                        fold.apply(points.decode(r.value()));
                    }
                }
            }
        }
        return fold.profiles();
    }
}
