package io.leadstream.jobs.io;

import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.jobs.EngineOptions;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/** Kafka sinks of engine records (Avro), with the engine's delivery guarantee. */
public final class KafkaSinks {
    private KafkaSinks() {}

    /**
     * A public output topic that no reaction waits on (contact events, points, segment changes...), with the
     * guarantee engine.kafka-exactly-once asks for; its batches wait engine.kafka-stream-linger.
     */
    public static <T extends SpecificRecord> Sink<T> avro(LeadStreamConfig config, String topic, Class<T> type,
                                                          AvroKafkaSerializer.KeyOf<T> key) {
        return avro(config, topic, type, key, publicGuarantee(config), config.get(EngineOptions.KAFKA_STREAM_LINGER));
    }

    /** A public output topic a reaction goes through (send commands to the workers): its batches wait engine.kafka-linger. */
    public static <T extends SpecificRecord> Sink<T> reaction(LeadStreamConfig config, String topic, Class<T> type,
                                                              AvroKafkaSerializer.KeyOf<T> key) {
        return avro(config, topic, type, key, publicGuarantee(config), config.get(EngineOptions.KAFKA_LINGER));
    }

    private static DeliveryGuarantee publicGuarantee(LeadStreamConfig config) {
        return config.get(EngineOptions.KAFKA_EXACTLY_ONCE) ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE;
    }

    /**
     * Exactly once: records go out in a Kafka transaction per checkpoint, so a job restored from a
     * checkpoint does not double what it wrote after it (read_committed consumers see them after the
     * checkpoint). At least once: at once, and a restored job writes again what it wrote after it.
     */
    public static <T extends SpecificRecord> Sink<T> avro(LeadStreamConfig config, String topic, Class<T> type,
                                                          AvroKafkaSerializer.KeyOf<T> key, DeliveryGuarantee guarantee, Duration linger) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(config.get(KafkaOptions.BOOTSTRAP_SERVERS))
                .setRecordSerializer(new AvroKafkaSerializer<>(topic, type, key))
                .setDeliveryGuarantee(guarantee)
                // Unique per job and topic: a restored job finds and aborts its predecessor's open transactions by it.
                .setTransactionalIdPrefix(config.get(EngineOptions.GROUP_ID) + "-" + topic)
                // The broker's default ceiling (transaction.max.timeout.ms); must outlast a checkpoint plus a restart.
                .setProperty("transaction.timeout.ms", String.valueOf(Duration.ofMinutes(15).toMillis()))
                .setProperty("linger.ms", String.valueOf(linger.toMillis()))
                .build();
    }
}
