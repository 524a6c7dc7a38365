package io.leadstream.bench.campaigns;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.jobs.campaigns.CampaignStage;
import io.leadstream.jobs.definitions.DefinitionRecord;
import io.leadstream.jobs.definitions.DefinitionsBroadcast;
import io.leadstream.jobs.io.EmptyStreams;
import io.leadstream.jobs.io.KafkaEngineSources;
import io.leadstream.jobs.io.KafkaSinks;
import io.leadstream.schemas.engine.CampaignCommand;
import io.leadstream.schemas.engine.CampaignHandover;
import io.leadstream.schemas.engine.IdentityChange;
import io.leadstream.schemas.engine.CampaignLogEntry;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.schemas.engine.SegmentMembershipChange;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.TrackingEvent;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The engine's campaign stage as the benchmark runs it: contact events straight from a topic
 * (identity, points and segments have their own benchmarks; contacts enter by a form), the
 * engine's definitions source, and its sends and log to Kafka with the engine's sinks.
 */
final class CampaignsBenchJob {
    /** Output topics of one run. */
    record Topics(String sends, String log) {
        static Topics of(String prefix) {
            return new Topics(prefix + "send-commands", prefix + "campaign-log");
        }
    }

    private CampaignsBenchJob() {}

    static void build(StreamExecutionEnvironment env, LeadStreamConfig config, Topics out) {
        KafkaEngineSources sources = new KafkaEngineSources(config);
        DataStream<TrackingEvent> events = sources.rawEvents(env);
        BroadcastStream<DefinitionRecord> definitions = sources.definitions(env).broadcast(DefinitionsBroadcast.STATE);
        CampaignStage.Output campaigns = CampaignStage.apply(events, EmptyStreams.of(events, SegmentMembershipChange.class), EmptyStreams.of(events, PointsChange.class),
                EmptyStreams.of(events, CampaignCommand.class), EmptyStreams.of(events, IdentityChange.class),
                EmptyStreams.of(events, CampaignHandover.class), definitions);
        campaigns.sends().sinkTo(KafkaSinks.avro(config, out.sends(), SendCommand.class, SendCommand::getContactId))
                .name("send-commands").uid("send-commands-sink");
        campaigns.log().sinkTo(KafkaSinks.avro(config, out.log(), CampaignLogEntry.class, CampaignLogEntry::getContactId))
                .name("campaign-log").uid("campaign-log-sink");
    }
}
