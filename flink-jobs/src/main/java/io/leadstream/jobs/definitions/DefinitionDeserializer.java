package io.leadstream.jobs.definitions;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Definitions topic records (key {@code kind/id}, JSON value, null value = deleted); a key without a kind is logged and skipped. */
public final class DefinitionDeserializer implements KafkaRecordDeserializationSchema<DefinitionRecord> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DefinitionDeserializer.class);

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<DefinitionRecord> out) {
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        int slash = key.indexOf('/');
        if (slash <= 0 || slash == key.length() - 1) {
            LOG.warn("Skipped definitions record {}-{}@{}: key '{}' is not kind/id", record.topic(), record.partition(), record.offset(), key);
            return;
        }
        String json = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        DefinitionRecord definition = new DefinitionRecord(key.substring(0, slash), key.substring(slash + 1), json);
        definition.revision = record.offset();
        out.collect(definition);
    }

    @Override
    public TypeInformation<DefinitionRecord> getProducedType() {
        return TypeInformation.of(DefinitionRecord.class);
    }
}
