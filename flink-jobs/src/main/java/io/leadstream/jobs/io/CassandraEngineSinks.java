package io.leadstream.jobs.io;

import io.leadstream.common.config.EngineOptions;
import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.jobs.identity.ContactEventWrites;
import io.leadstream.jobs.identity.IdentityChangeWrites;
import io.leadstream.jobs.timeline.DeviceEventRowMapper;
import io.leadstream.schemas.engine.IdentityChange;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.sink.cassandra.CassandraSink;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/** The engine's outputs: Cassandra tables and Kafka topics. */
public final class CassandraEngineSinks implements EngineSinks {
    private static final long serialVersionUID = 1L;

    private final LeadStreamConfig config;

    public CassandraEngineSinks(LeadStreamConfig config) {
        this.config = config;
    }

    @Override
    public Sink<TrackingEvent> deviceTimeline() {
        return new CassandraSink<>(config, new DeviceEventRowMapper());
    }

    @Override
    public Sink<TrackingEvent> contactEvents() {
        String topic = TopicNames.from(config).contactEvents();
        return kafka(topic, new AvroKafkaSerializer<>(topic, TrackingEvent.class, TrackingEvent::getContactId));
    }

    @Override
    public Sink<IdentityChange> identityChangelog() {
        String topic = TopicNames.from(config).identity();
        return kafka(topic, new AvroKafkaSerializer<>(topic, IdentityChange.class, IdentityChange::getContactId));
    }

    @Override
    public Sink<TrackingEvent> contactTables() {
        return new CassandraSink<>(config, new ContactEventWrites());
    }

    @Override
    public Sink<IdentityChange> identityTables() {
        return new CassandraSink<>(config, new IdentityChangeWrites());
    }

    /**
     * Exactly once by default: records go out in a Kafka transaction per checkpoint, so a job
     * restored from a checkpoint does not double what it wrote after it. Cassandra writes need
     * no such care: they are idempotent by event and change id.
     */
    private <T> Sink<T> kafka(String topic, KafkaRecordSerializationSchema<T> serializer) {
        boolean exactlyOnce = config.get(EngineOptions.KAFKA_EXACTLY_ONCE);
        return KafkaSink.<T>builder()
                .setBootstrapServers(config.get(KafkaOptions.BOOTSTRAP_SERVERS))
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(exactlyOnce ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                // Unique per job and topic: a restored job finds and aborts its predecessor's open transactions by it.
                .setTransactionalIdPrefix(config.get(EngineOptions.GROUP_ID) + "-" + topic)
                // The broker's default ceiling (transaction.max.timeout.ms); must outlast a checkpoint plus a restart.
                .setProperty("transaction.timeout.ms", String.valueOf(Duration.ofMinutes(15).toMillis()))
                .build();
    }
}
