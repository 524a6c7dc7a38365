package io.leadstream.jobs.io;

import io.leadstream.jobs.campaigns.CampaignEventCount;
import io.leadstream.jobs.definitions.DefinitionRecord;
import io.leadstream.jobs.emails.EmailStatsRow;
import io.leadstream.jobs.overview.MinuteCount;
import io.leadstream.jobs.segments.BackfillProgress;
import io.leadstream.schemas.engine.CampaignLogEntry;
import io.leadstream.schemas.engine.ContactChange;
import io.leadstream.jobs.companies.CompanyMember;
import io.leadstream.schemas.engine.CompanyChange;
import io.leadstream.schemas.engine.CompanyCommand;
import io.leadstream.schemas.engine.ContactHandover;
import io.leadstream.jobs.contact.ContactRow;
import io.leadstream.schemas.engine.IdentityChange;
import io.leadstream.schemas.engine.PointTriggerFired;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.schemas.engine.SegmentMembershipChange;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.TrackingEvent;
import java.io.Serializable;
import org.apache.flink.api.connector.sink2.Sink;

/** Where the engine's results go; production writes Cassandra and Kafka. */
public interface EngineSinks extends Serializable {

    /** Contact-keyed events (Kafka): the record of what each contact did, for dry runs and other readers. */
    Sink<TrackingEvent> contactEvents();

    /** The identity changelog (Kafka). */
    Sink<IdentityChange> identityChangelog();

    /** Contact timeline, facts and profile fields (Cassandra). */
    Sink<TrackingEvent> contactTables();

    /** Aliases, device and identifier lookups (Cassandra). */
    Sink<IdentityChange> identityTables();

    /** Definitions as read from their topic (Cassandra), for listings. */
    Sink<DefinitionRecord> definitionTables();

    /** Merged contacts' profiles and late signals, to their survivor (Kafka, read back by the engine). */
    Sink<ContactHandover> contactHandovers();

    /** Commands one company hands another (Kafka company-commands, read back by the engine). */
    Sink<CompanyCommand> companyCommands();

    /** The change stream's companies: each company as it is after a change (Kafka company-changes). */
    Sink<CompanyChange> companyChanges();

    /** Each company's row (Cassandra companies). */
    Sink<CompanyChange> companyTables();

    /** Each company's contacts (Cassandra company_members). */
    Sink<CompanyMember> companyMembers();

    /** Points changes (log and timeline rows) and each contact's view as the API reads it (contact_profiles), written at checkpoints. */
    Sink<ContactRow> contactRows();

    /** Changes campaigns and triggers made to contacts (tags, fields, do-not-contact), as their events: timeline, fields, do-not-contact rows (Cassandra). */
    Sink<TrackingEvent> contactActions();

    /** The change stream: each contact's whole profile after a change (Kafka, contact-changes). */
    Sink<ContactChange> contactChanges();

    /** The points log (Kafka). */
    Sink<PointsChange> pointsLog();

    /** Fired point triggers (Kafka): their record. */
    Sink<PointTriggerFired> pointTriggers();

    /** Emails and webhooks to send, from point triggers and campaigns (Kafka), for the outbox and send workers. */
    Sink<SendCommand> sendCommands();

    /** Emails and webhooks to send, into the Cassandra outbox by due minute, where the send workers claim them. */
    Sink<SendCommand> outbox();

    /** Segment membership changes, for webhooks and other readers (Kafka). */
    Sink<SegmentMembershipChange> segmentChanges();

    /** Members by segment, segments by contact, entries and exits per day (Cassandra). */
    Sink<SegmentMembershipChange> segmentTables();

    /** Each subtask's progress re-evaluating its contacts after a segment changed (Cassandra), for the API. */
    Sink<BackfillProgress> segmentBackfills();

    /** Each contact's steps through campaigns (Cassandra). */
    Sink<CampaignLogEntry> campaignLog();

    /** Per-event counts of each outcome (Cassandra). */
    Sink<CampaignEventCount> campaignStats();

    /** Email stats per email and per campaign event (Cassandra). */
    Sink<EmailStatsRow> emailStats();

    /** Events per minute, for the dashboard (Cassandra). */
    Sink<MinuteCount> eventCounts();
}
