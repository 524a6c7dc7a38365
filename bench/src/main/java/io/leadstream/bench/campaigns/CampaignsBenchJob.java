package io.leadstream.bench.campaigns;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.jobs.contact.ContactStage;
import io.leadstream.jobs.contact.ProfileSettings;
import io.leadstream.jobs.io.EmptyStreams;
import io.leadstream.jobs.io.KafkaEngineSources;
import io.leadstream.jobs.io.KafkaSinks;
import io.leadstream.schemas.engine.CampaignLogEntry;
import io.leadstream.schemas.engine.ContactHandover;
import io.leadstream.schemas.engine.IdentityChange;
import io.leadstream.schemas.engine.SegmentCommand;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.TrackingEvent;
import java.util.Map;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The engine's contact processor as the benchmark runs it for campaigns: contact events straight
 * from a topic (identity has its own benchmark; contacts enter by a form), the engine's definitions
 * source, and its sends and log to Kafka with the engine's sinks.
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
        ContactStage.Output campaigns = ContactStage.apply(events, EmptyStreams.of(events, IdentityChange.class),
                EmptyStreams.of(events, SegmentCommand.class), EmptyStreams.of(events, ContactHandover.class), sources.definitions(env),
                ProfileSettings.from(config), Map.of());
        campaigns.sends().sinkTo(KafkaSinks.avro(config, out.sends(), SendCommand.class, SendCommand::getContactId))
                .name("send-commands").uid("send-commands-sink");
        campaigns.campaignLog().sinkTo(KafkaSinks.avro(config, out.log(), CampaignLogEntry.class, CampaignLogEntry::getContactId))
                .name("campaign-log").uid("campaign-log-sink");
    }
}
