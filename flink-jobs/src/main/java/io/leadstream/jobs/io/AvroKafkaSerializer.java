package io.leadstream.jobs.io;

import io.leadstream.schemas.codec.AvroCodec;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.functions.Function;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** An engine output record → Kafka: Avro single-object encoding, keyed by the given field. */
public final class AvroKafkaSerializer<T extends SpecificRecord> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    /** Serializable key extractor. */
    public interface KeyOf<T> extends Function, java.util.function.Function<T, String> {}

    private final String topic;
    private final Class<T> type;
    private final KeyOf<T> key;
    private transient AvroCodec<T> codec;

    AvroKafkaSerializer(String topic, Class<T> type, KeyOf<T> key) {
        this.topic = topic;
        this.type = type;
        this.key = key;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        if (codec == null) {
            codec = AvroCodec.of(type);
        }
        // No record timestamp (Kafka stamps the time of writing): event time is in the record. Kafka's retention and its
        // check on timestamps ahead of now read the record timestamp, so event time there would have the outputs of a
        // replayed history deleted at once, and those of a clock running ahead refused.
        return new ProducerRecord<>(topic, null, null, key.apply(element).getBytes(StandardCharsets.UTF_8), codec.encode(element));
    }
}
