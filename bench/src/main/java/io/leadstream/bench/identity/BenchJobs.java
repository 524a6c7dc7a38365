package io.leadstream.bench.identity;

import io.leadstream.common.config.EngineOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.jobs.identity.IdentifierClaims;
import io.leadstream.jobs.identity.IdentityStage;
import io.leadstream.jobs.io.KafkaEngineSources;
import io.leadstream.jobs.io.KafkaSinks;
import io.leadstream.schemas.engine.IdentityChange;
import io.leadstream.schemas.event.TrackingEvent;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The two jobs the identity benchmark compares, both reading raw-events with the engine's source
 * and writing Avro to Kafka with the engine's sink: the identity stage, and a pass-through that
 * only decodes and re-encodes, the cost of moving an event through Flink between two topics.
 */
final class BenchJobs {
    private BenchJobs() {}

    static void passThrough(StreamExecutionEnvironment env, LeadStreamConfig config, String out) {
        DataStream<TrackingEvent> raw = new KafkaEngineSources(config).rawEvents(env);
        raw.sinkTo(KafkaSinks.avro(config, out, TrackingEvent.class, TrackingEvent::getDeviceId))
                .name("pass-through").uid("pass-through-sink");
    }

    static void identity(StreamExecutionEnvironment env, LeadStreamConfig config, String contactEventsOut, String changesOut) {
        DataStream<TrackingEvent> raw = new KafkaEngineSources(config).rawEvents(env);
        IdentityStage.Output identity = IdentityStage.apply(raw, new IdentifierClaims(config.get(EngineOptions.IDENTIFIER_FIELDS)));
        identity.contactEvents().sinkTo(KafkaSinks.avro(config, contactEventsOut, TrackingEvent.class, TrackingEvent::getContactId))
                .name("contact-events").uid("contact-events-sink");
        identity.changes().sinkTo(KafkaSinks.avro(config, changesOut, IdentityChange.class, IdentityChange::getContactId))
                .name("identity-changelog").uid("identity-changelog-sink");
    }
}
