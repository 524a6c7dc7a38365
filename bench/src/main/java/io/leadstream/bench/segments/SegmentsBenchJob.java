package io.leadstream.bench.segments;

import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.jobs.contact.ContactStage;
import io.leadstream.jobs.contact.ProfileSettings;
import io.leadstream.jobs.io.EmptyStreams;
import io.leadstream.jobs.io.KafkaEngineSources;
import io.leadstream.jobs.io.KafkaSinks;
import io.leadstream.schemas.engine.ContactHandover;
import io.leadstream.schemas.engine.IdentityChange;
import io.leadstream.schemas.engine.PointTriggerFired;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.schemas.engine.SegmentMembershipChange;
import io.leadstream.schemas.event.TrackingEvent;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The engine's contact processor as the benchmark runs it for points and segments: contact events
 * straight from a topic (identity has its own benchmark), the engine's sources for definitions and
 * segment commands, Avro out to Kafka with the engine's sinks. Two extra outputs for the driver: the
 * sentinel segment's entries, and backfill progress as text lines.
 */
final class SegmentsBenchJob {
    /** Output topics of one run. */
    record Topics(String points, String fired, String changes, String sentinels, String backfills) {
        static Topics of(String prefix) {
            return new Topics(prefix + "points", prefix + "point-triggers", prefix + "segment-changes", prefix + "sentinels", prefix + "backfills");
        }
    }

    private SegmentsBenchJob() {}

    static void build(StreamExecutionEnvironment env, LeadStreamConfig config, Topics out) {
        KafkaEngineSources sources = new KafkaEngineSources(config);
        DataStream<TrackingEvent> events = sources.rawEvents(env);
        ContactStage.Output contacts = ContactStage.apply(events, EmptyStreams.of(events, IdentityChange.class), sources.segmentCommands(env),
                EmptyStreams.of(events, ContactHandover.class), sources.definitions(env), ProfileSettings.from(config), Map.of());
        contacts.points().sinkTo(KafkaSinks.avro(config, out.points(), PointsChange.class, PointsChange::getContactId))
                .name("points-log").uid("points-log-sink");
        contacts.fired().sinkTo(KafkaSinks.avro(config, out.fired(), PointTriggerFired.class, PointTriggerFired::getContactId))
                .name("point-triggers").uid("point-triggers-sink");
        contacts.segmentChanges().sinkTo(KafkaSinks.avro(config, out.changes(), SegmentMembershipChange.class, SegmentMembershipChange::getContactId))
                .name("segment-changes").uid("segment-changes-sink");
        contacts.segmentChanges().filter(c -> SegmentsBenchDefinitions.SENTINEL.equals(c.getSegmentId())).name("sentinels").uid("sentinels")
                .sinkTo(KafkaSinks.avro(config, out.sentinels(), SegmentMembershipChange.class, SegmentMembershipChange::getContactId))
                .name("sentinels-sink").uid("sentinels-sink");
        contacts.backfills()
                .map(p -> String.join(" ", p.segmentId, Long.toString(p.revision), Integer.toString(p.subtask), Integer.toString(p.subtasks),
                        Long.toString(p.contacts), Long.toString(p.startedAt), p.finishedAt == null ? "-" : Long.toString(p.finishedAt)), Types.STRING)
                .name("backfill-lines").uid("backfill-lines")
                .sinkTo(KafkaSink.<String>builder()
                        .setBootstrapServers(config.get(KafkaOptions.BOOTSTRAP_SERVERS))
                        .setRecordSerializer(KafkaRecordSerializationSchema.builder().setTopic(out.backfills())
                                .setValueSerializationSchema(new SimpleStringSchema()).build())
                        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                        .build())
                .name("backfills-sink").uid("backfills-sink");
    }
}
