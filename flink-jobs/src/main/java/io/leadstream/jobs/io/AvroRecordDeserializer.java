package io.leadstream.jobs.io;

import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.codec.InvalidRecordException;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Avro records with the shared codec. A record that does not decode must not stop the
 * engine: it is logged with its coordinates and counted ({@code rejectedRecords}); the bytes
 * stay in Kafka for inspection.
 */
public final class AvroRecordDeserializer<T extends SpecificRecordBase> implements KafkaRecordDeserializationSchema<T> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AvroRecordDeserializer.class);

    private final Class<T> type;
    private final AvroCodec<T> codec;
    private transient Counter rejected;

    public AvroRecordDeserializer(Class<T> type) {
        this.type = type;
        this.codec = AvroCodec.of(type);
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        rejected = context.getMetricGroup().counter("rejectedRecords");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) {
        try {
            out.collect(codec.decode(record.value()));
        } catch (InvalidRecordException e) {
            if (rejected != null) {
                rejected.inc();
            }
            LOG.warn("Rejected record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return new AvroTypeInfo<>(type);
    }
}
