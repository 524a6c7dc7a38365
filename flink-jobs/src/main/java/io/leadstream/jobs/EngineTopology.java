package io.leadstream.jobs;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.ids.IdentityOptions;
import io.leadstream.jobs.campaigns.SuppressedSends;
import io.leadstream.jobs.companies.CompanyStage;
import io.leadstream.jobs.contact.ContactStage;
import io.leadstream.jobs.contact.ProfileSettings;
import io.leadstream.jobs.contact.WebhookBatches;
import io.leadstream.jobs.definitions.DefinitionRecord;
import io.leadstream.jobs.emails.EmailStatsStage;
import io.leadstream.jobs.identity.IdentifierClaims;
import io.leadstream.jobs.identity.IdentityStage;
import io.leadstream.jobs.io.EngineSinks;
import io.leadstream.jobs.io.EngineSources;
import io.leadstream.jobs.overview.EventCountsStage;
import io.leadstream.schemas.engine.DeliveryResult;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.schemas.gdpr.ErasureMarkers;
import java.util.Map;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Composes the engine from its stages, each wired from the previous one's output: identity (keyed
 * by device, then identifier), then everything keyed by contact in one operator (the contact
 * processor: profile, points, segments, campaigns), then companies (keyed by domain, then by company). Sources and sinks come in from outside so tests
 * can plug their own. Every stateful operator and every sink has a stable uid, so a job can be
 * upgraded and restored from a savepoint.
 */
public final class EngineTopology {
    private EngineTopology() {}

    public static void build(StreamExecutionEnvironment env, LeadStreamConfig config, EngineSources sources, EngineSinks sinks) {
        DataStream<TrackingEvent> raw = sources.rawEvents(env);

        IdentityStage.Output identity = IdentityStage.apply(raw, new IdentifierClaims(config.get(IdentityOptions.IDENTIFIER_FIELDS)));
        identity.contactEvents().sinkTo(sinks.contactEvents()).name("contact-events").uid("contact-events-sink");
        // Rows come from the identity stage's output, not the raw stream: an erased device's or contact's
        // later events end there (its tombstone). Erasure markers are instructions, never stored as rows.
        DataStream<TrackingEvent> stored = identity.contactEvents().filter(e -> !ErasureMarkers.isMarker(e))
                .name("stored-events").uid("stored-events");
        stored.sinkTo(sinks.contactTables()).name("contact-tables").uid("contact-tables-sink");
        EventCountsStage.apply(stored).sinkTo(sinks.eventCounts()).name("event-counts-table").uid("event-counts-sink");
        identity.changes().sinkTo(sinks.identityChangelog()).name("identity-changelog").uid("identity-changelog-sink");
        identity.changes().sinkTo(sinks.identityTables()).name("identity-tables").uid("identity-tables-sink");

        DataStream<DefinitionRecord> definitions = sources.definitions(env);
        definitions.sinkTo(sinks.definitionTables()).name("definition-tables").uid("definition-tables-sink").setParallelism(1);

        DataStream<DeliveryResult> deliveryResults = sources.deliveryResults(env);
        SuppressedSends.Output suppressed = SuppressedSends.apply(deliveryResults);
        ContactStage.Output contacts = ContactStage.apply(identity.contactEvents(), identity.changes(), sources.segmentCommands(env),
                sources.contactHandovers(env), definitions, ProfileSettings.from(config), Map.of(), suppressed.campaignLog(),
                deliveryResults);
        CompanyStage.Output companies = CompanyStage.apply(contacts.companyCommands(), sources.companyCommands(env),
                config.get(EngineOptions.COMPANY_FLUSH_INTERVAL));
        contacts.handovers().union(companies.toContacts()).sinkTo(sinks.contactHandovers()).name("contact-handovers").uid("contact-handovers-sink");
        companies.toCompanies().sinkTo(sinks.companyCommands()).name("company-handovers").uid("company-handovers-sink");
        companies.changes().sinkTo(sinks.companyChanges()).name("company-changes").uid("company-changes-sink");
        companies.changes().sinkTo(sinks.companyTables()).name("company-tables").uid("company-tables-sink");
        companies.members().sinkTo(sinks.companyMembers()).name("company-members").uid("company-members-sink");
        // Points changes and views in one committed sink: a checkpoint's rows of a contact go to Cassandra as one request.
        contacts.rows().sinkTo(sinks.contactRows()).name("contact-rows").uid("contact-rows-sink");
        contacts.contactActions().union(suppressed.timeline())
                .sinkTo(sinks.contactActions()).name("contact-actions").uid("contact-actions-sink");
        contacts.points().sinkTo(sinks.pointsLog()).name("points-log").uid("points-log-sink");
        contacts.contactChanges().sinkTo(sinks.contactChanges()).name("contact-changes").uid("contact-changes-sink");
        contacts.fired().sinkTo(sinks.pointTriggers()).name("point-triggers").uid("point-triggers-sink");
        contacts.segmentChanges().sinkTo(sinks.segmentChanges()).name("segment-changes").uid("segment-changes-sink");
        contacts.segmentChanges().sinkTo(sinks.segmentTables()).name("segment-tables").uid("segment-tables-sink");
        contacts.backfills().sinkTo(sinks.segmentBackfills()).name("segment-backfills").uid("segment-backfills-sink");
        contacts.campaignLog().sinkTo(sinks.campaignLog()).name("campaign-log").uid("campaign-log-sink");
        contacts.campaignStats().sinkTo(sinks.campaignStats()).name("campaign-stats").uid("campaign-stats-sink");
        DataStream<SendCommand> sends = WebhookBatches.apply(contacts.sends(), config.get(EngineOptions.WEBHOOK_BATCH_WAIT));
        sends.sinkTo(sinks.sendCommands()).name("send-commands").uid("send-commands-sink");
        sends.sinkTo(sinks.outbox()).name("outbox").uid("outbox-sink");

        EmailStatsStage.apply(identity.contactEvents(), deliveryResults, sends)
                .sinkTo(sinks.emailStats()).name("email-stats").uid("email-stats-sink");
    }
}
