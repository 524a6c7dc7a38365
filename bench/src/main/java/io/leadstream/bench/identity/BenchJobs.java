package io.leadstream.bench.identity;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.ids.IdentityOptions;
import io.leadstream.jobs.identity.IdentifierClaims;
import io.leadstream.jobs.identity.IdentityStage;
import io.leadstream.jobs.io.KafkaEngineSources;
import io.leadstream.jobs.io.KafkaSinks;
import io.leadstream.schemas.engine.IdentityChange;
import io.leadstream.schemas.event.TrackingEvent;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The identity stage as the identity benchmark runs it: raw-events in with the engine's source,
 * Avro out to Kafka with the engine's sink (compared with {@link io.leadstream.bench.PassThroughJob}).
 */
final class BenchJobs {
    private BenchJobs() {}

    static void identity(StreamExecutionEnvironment env, LeadStreamConfig config, String contactEventsOut, String changesOut) {
        DataStream<TrackingEvent> raw = new KafkaEngineSources(config).rawEvents(env);
        IdentityStage.Output identity = IdentityStage.apply(raw, new IdentifierClaims(config.get(IdentityOptions.IDENTIFIER_FIELDS)));
        identity.contactEvents().sinkTo(KafkaSinks.avro(config, contactEventsOut, TrackingEvent.class, TrackingEvent::getContactId))
                .name("contact-events").uid("contact-events-sink");
        identity.changes().sinkTo(KafkaSinks.avro(config, changesOut, IdentityChange.class, IdentityChange::getContactId))
                .name("identity-changelog").uid("identity-changelog-sink");
    }
}
