package io.leadstream.jobs.io;

import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.codec.InvalidRecordException;
import io.leadstream.schemas.event.TrackingEvent;
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
 * Reads raw events with the shared codec. A record that is not a valid event must not stop the
 * engine: it is logged with its coordinates and counted ({@code rejectedRecords}); the bytes
 * stay in Kafka for inspection.
 */
public final class TrackingEventDeserializer implements KafkaRecordDeserializationSchema<TrackingEvent> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TrackingEventDeserializer.class);

    private final AvroCodec<TrackingEvent> codec = AvroCodec.of(TrackingEvent.class);
    private transient Counter rejected;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        rejected = context.getMetricGroup().counter("rejectedRecords");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<TrackingEvent> out) {
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
    public TypeInformation<TrackingEvent> getProducedType() {
        return new AvroTypeInfo<>(TrackingEvent.class);
    }
}
