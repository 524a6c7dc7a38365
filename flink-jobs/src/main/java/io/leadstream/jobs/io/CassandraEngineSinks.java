package io.leadstream.jobs.io;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.jobs.EngineOptions;
import io.leadstream.jobs.campaigns.CampaignEventCount;
import io.leadstream.jobs.campaigns.CampaignLogWrites;
import io.leadstream.jobs.campaigns.CampaignStatsWrites;
import io.leadstream.jobs.companies.CompanyMember;
import io.leadstream.jobs.companies.CompanyMemberWrites;
import io.leadstream.jobs.companies.CompanyRowWrites;
import io.leadstream.jobs.contact.ContactRow;
import io.leadstream.jobs.contact.ContactRowWrites;
import io.leadstream.jobs.definitions.DefinitionRecord;
import io.leadstream.jobs.definitions.DefinitionWrites;
import io.leadstream.jobs.emails.EmailStatsRow;
import io.leadstream.jobs.emails.EmailStatsWrites;
import io.leadstream.jobs.identity.ContactEventWrites;
import io.leadstream.jobs.identity.IdentityChangeWrites;
import io.leadstream.jobs.overview.EventCountWrites;
import io.leadstream.jobs.overview.MinuteCount;
import io.leadstream.jobs.segments.BackfillProgress;
import io.leadstream.jobs.segments.BackfillProgressWrites;
import io.leadstream.jobs.segments.SegmentChangeWrites;
import io.leadstream.schemas.engine.CampaignLogEntry;
import io.leadstream.schemas.engine.CompanyChange;
import io.leadstream.schemas.engine.CompanyCommand;
import io.leadstream.schemas.engine.ContactChange;
import io.leadstream.schemas.engine.ContactHandover;
import io.leadstream.schemas.engine.IdentityChange;
import io.leadstream.schemas.engine.PointTriggerFired;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.schemas.engine.SegmentMembershipChange;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.sink.cassandra.CassandraSink;
import io.leadstream.sink.cassandra.CassandraWriteMapper;
import io.leadstream.sink.cassandra.CommittedCassandraSink;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.connector.base.DeliveryGuarantee;

/** The engine's outputs: Cassandra tables (idempotent writes by event and change id) and Kafka topics. */
public final class CassandraEngineSinks implements EngineSinks {
    private static final long serialVersionUID = 1L;

    private final LeadStreamConfig config;

    public CassandraEngineSinks(LeadStreamConfig config) {
        this.config = config;
    }

    @Override
    public Sink<TrackingEvent> contactEvents() {
        return KafkaSinks.avro(config, TopicNames.from(config).contactEvents(), TrackingEvent.class, TrackingEvent::getContactId);
    }

    @Override
    public Sink<IdentityChange> identityChangelog() {
        return KafkaSinks.avro(config, TopicNames.from(config).identity(), IdentityChange.class, IdentityChange::getContactId);
    }

    @Override
    public Sink<TrackingEvent> contactTables() {
        return new CassandraSink<>(config, new ContactEventWrites());
    }

    @Override
    public Sink<IdentityChange> identityTables() {
        return new CassandraSink<>(config, new IdentityChangeWrites());
    }

    @Override
    public Sink<ContactChange> contactChanges() {
        return KafkaSinks.avro(config, TopicNames.from(config).contactChanges(), ContactChange.class, ContactChange::getContactId);
    }

    @Override
    public Sink<CompanyCommand> companyCommands() {
        // Read back by the engine, like contact handovers: a merge's handover applied twice must not be possible.
        return KafkaSinks.avro(config, TopicNames.from(config).companyCommands(), CompanyCommand.class, CompanyCommand::getCompanyId,
                DeliveryGuarantee.EXACTLY_ONCE, config.get(EngineOptions.KAFKA_LINGER));
    }

    @Override
    public Sink<CompanyChange> companyChanges() {
        return KafkaSinks.avro(config, TopicNames.from(config).companyChanges(), CompanyChange.class, CompanyChange::getCompanyId);
    }

    @Override
    public Sink<CompanyChange> companyTables() {
        return new CassandraSink<>(config, new CompanyRowWrites());
    }

    @Override
    public Sink<CompanyMember> companyMembers() {
        return new CassandraSink<>(config, new CompanyMemberWrites());
    }

    @Override
    public Sink<PointsChange> pointsLog() {
        return KafkaSinks.avro(config, TopicNames.from(config).points(), PointsChange.class, PointsChange::getContactId);
    }

    @Override
    public Sink<PointTriggerFired> pointTriggers() {
        return KafkaSinks.avro(config, TopicNames.from(config).pointTriggers(), PointTriggerFired.class, PointTriggerFired::getContactId);
    }

    @Override
    public Sink<SendCommand> sendCommands() {
        return KafkaSinks.reaction(config, TopicNames.from(config).sendCommands(), SendCommand.class, SendCommand::getContactId);
    }

    @Override
    public Sink<SendCommand> outbox() {
        return new CassandraSink<>(config, new OutboxWrites());
    }

    @Override
    public Sink<SegmentMembershipChange> segmentChanges() {
        return KafkaSinks.avro(config, TopicNames.from(config).segmentChanges(), SegmentMembershipChange.class,
                SegmentMembershipChange::getContactId);
    }

    @Override
    public Sink<SegmentMembershipChange> segmentTables() {
        return committed(new SegmentChangeWrites(), SegmentMembershipChange.class, null);
    }

    @Override
    public Sink<DefinitionRecord> definitionTables() {
        return new CassandraSink<>(config, new DefinitionWrites());
    }

    @Override
    public Sink<BackfillProgress> segmentBackfills() {
        return new CassandraSink<>(config, new BackfillProgressWrites());
    }

    @Override
    public Sink<TrackingEvent> contactActions() {
        return new CassandraSink<>(config, new ContactEventWrites());
    }

    @Override
    public Sink<ContactHandover> contactHandovers() {
        // The engine reads its own handovers back: one applied twice would fold a profile twice, and read_committed
        // drops what a failed attempt wrote, so this loop is transactional whatever the public topics are.
        return KafkaSinks.avro(config, TopicNames.from(config).contactHandovers(), ContactHandover.class, ContactHandover::getToContactId,
                DeliveryGuarantee.EXACTLY_ONCE, config.get(EngineOptions.KAFKA_LINGER));
    }

    @Override
    public Sink<ContactRow> contactRows() {
        return committed(new ContactRowWrites(), ContactRow.class, ContactRow::coalescingKey);
    }

    @Override
    public Sink<CampaignLogEntry> campaignLog() {
        return committed(new CampaignLogWrites(), CampaignLogEntry.class, null);
    }

    @Override
    public Sink<CampaignEventCount> campaignStats() {
        return committed(new CampaignStatsWrites(), CampaignEventCount.class, c -> c.campaignId + "\u001f" + c.eventId + "\u001f" + c.outcome);
    }

    /**
     * The contact processor's views: its output depends on the order merges and events arrive in, so
     * a restored job may reach the same state by another path; written when their checkpoint completes,
     * no row of an abandoned path stays (CommittedCassandraSink).
     */
    private <T> Sink<T> committed(CassandraWriteMapper<T> mapper, Class<T> type, KeySelector<T, String> coalesceBy) {
        return new CommittedCassandraSink<>(config, mapper, TypeInformation.of(type), coalesceBy);
    }

    @Override
    public Sink<EmailStatsRow> emailStats() {
        return new CassandraSink<>(config, new EmailStatsWrites());
    }

    @Override
    public Sink<MinuteCount> eventCounts() {
        return new CassandraSink<>(config, new EventCountWrites());
    }
}
