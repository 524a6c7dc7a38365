package io.leadstream.jobs;

import io.leadstream.jobs.overview.EventCountsStage;
import io.leadstream.schemas.gdpr.ErasureMarkers;
import io.leadstream.common.config.EngineOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.jobs.campaigns.CampaignStage;
import io.leadstream.jobs.definitions.DefinitionRecord;
import io.leadstream.jobs.emails.EmailStatsStage;
import io.leadstream.jobs.definitions.DefinitionsBroadcast;
import io.leadstream.jobs.identity.IdentifierClaims;
import io.leadstream.jobs.identity.IdentityStage;
import io.leadstream.jobs.io.EngineSinks;
import io.leadstream.jobs.io.EngineSources;
import io.leadstream.jobs.points.PointsStage;
import io.leadstream.jobs.segments.SegmentStage;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.TrackingEvent;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Composes the engine from its stages, each wired from the previous one's output. Sources and
 * sinks come in from outside so tests can plug their own. Every stateful operator and every
 * sink has a stable uid, so a job can be upgraded and restored from a savepoint.
 */
public final class EngineTopology {
    private EngineTopology() {}

    public static void build(StreamExecutionEnvironment env, LeadStreamConfig config, EngineSources sources, EngineSinks sinks) {
        DataStream<TrackingEvent> raw = sources.rawEvents(env);

        IdentityStage.Output identity = IdentityStage.apply(raw, new IdentifierClaims(config.get(EngineOptions.IDENTIFIER_FIELDS)));
        identity.contactEvents().sinkTo(sinks.contactEvents()).name("contact-events").uid("contact-events-sink");
        // Rows come from the identity stage's output, not the raw stream: an erased device's or contact's
        // later events end there (its tombstone). Erasure markers are instructions, never stored as rows.
        DataStream<TrackingEvent> stored = identity.contactEvents().filter(e -> !ErasureMarkers.isMarker(e))
                .name("stored-events").uid("stored-events");
        stored.sinkTo(sinks.deviceTimeline()).name("device-timeline").uid("device-timeline-sink");
        stored.sinkTo(sinks.contactTables()).name("contact-tables").uid("contact-tables-sink");
        EventCountsStage.apply(stored).sinkTo(sinks.eventCounts()).name("event-counts-table").uid("event-counts-sink");
        identity.changes().sinkTo(sinks.identityChangelog()).name("identity-changelog").uid("identity-changelog-sink");
        identity.changes().sinkTo(sinks.identityTables()).name("identity-tables").uid("identity-tables-sink");

        DataStream<DefinitionRecord> definitionRecords = sources.definitions(env);
        definitionRecords.sinkTo(sinks.definitionTables()).name("definition-tables").uid("definition-tables-sink").setParallelism(1);
        BroadcastStream<DefinitionRecord> definitions = definitionRecords.broadcast(DefinitionsBroadcast.STATE);
        PointsStage.Output points = PointsStage.apply(identity.contactEvents(), definitions);
        points.changes().sinkTo(sinks.pointsLog()).name("points-log").uid("points-log-sink");
        points.changes().sinkTo(sinks.pointsTables()).name("points-tables").uid("points-tables-sink");
        points.fired().sinkTo(sinks.pointTriggers()).name("point-triggers").uid("point-triggers-sink");
        points.campaignCommands().sinkTo(sinks.campaignCommands()).name("campaign-commands").uid("campaign-commands-sink");

        SegmentStage.Output segments = SegmentStage.apply(identity.contactEvents(), points.changes(), points.fired(),
                sources.segmentCommands(env), definitions);
        segments.changes().sinkTo(sinks.segmentChanges()).name("segment-changes").uid("segment-changes-sink");
        segments.changes().sinkTo(sinks.segmentTables()).name("segment-tables").uid("segment-tables-sink");
        segments.backfills().sinkTo(sinks.segmentBackfills()).name("segment-backfills").uid("segment-backfills-sink");

        CampaignStage.Output campaigns = CampaignStage.apply(identity.contactEvents(), segments.changes(), points.changes(),
                points.campaignCommands(), identity.changes(), sources.campaignHandovers(env), definitions);
        campaigns.handovers().sinkTo(sinks.campaignHandovers()).name("campaign-handovers").uid("campaign-handovers-sink");
        campaigns.log().sinkTo(sinks.campaignLog()).name("campaign-log").uid("campaign-log-sink");
        campaigns.stats().sinkTo(sinks.campaignStats()).name("campaign-stats").uid("campaign-stats-sink");
        campaigns.segmentCommands().sinkTo(sinks.segmentCommands()).name("campaign-segment-commands").uid("campaign-segment-commands-sink");
        campaigns.contactActions().sinkTo(sinks.contactActions()).name("campaign-contact-actions").uid("campaign-contact-actions-sink");
        DataStream<SendCommand> sends = points.sendCommands().union(campaigns.sends());
        sends.sinkTo(sinks.sendCommands()).name("send-commands").uid("send-commands-sink");
        sends.sinkTo(sinks.outbox()).name("outbox").uid("outbox-sink");

        EmailStatsStage.apply(identity.contactEvents(), sources.deliveryResults(env))
                .sinkTo(sinks.emailStats()).name("email-stats").uid("email-stats-sink");
    }
}
