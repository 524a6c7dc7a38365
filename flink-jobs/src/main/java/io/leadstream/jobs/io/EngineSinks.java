package io.leadstream.jobs.io;

import io.leadstream.jobs.overview.MinuteCount;
import io.leadstream.jobs.campaigns.CampaignEventCount;
import io.leadstream.jobs.emails.EmailStatsRow;
import io.leadstream.jobs.definitions.DefinitionRecord;
import io.leadstream.jobs.segments.BackfillProgress;
import io.leadstream.schemas.engine.CampaignCommand;
import io.leadstream.schemas.engine.CampaignHandover;
import io.leadstream.schemas.engine.CampaignLogEntry;
import io.leadstream.schemas.engine.IdentityChange;
import io.leadstream.schemas.engine.PointTriggerFired;
import io.leadstream.schemas.engine.PointsChange;
import io.leadstream.schemas.engine.SegmentCommand;
import io.leadstream.schemas.engine.SegmentMembershipChange;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.TrackingEvent;
import java.io.Serializable;
import org.apache.flink.api.connector.sink2.Sink;

/** Where the engine's results go; production writes Cassandra and Kafka. */
public interface EngineSinks extends Serializable {

    /** Every raw event, into the per-device timeline. */
    Sink<TrackingEvent> deviceTimeline();

    /** Contact-keyed events for the next stages (Kafka). */
    Sink<TrackingEvent> contactEvents();

    /** The identity changelog (Kafka). */
    Sink<IdentityChange> identityChangelog();

    /** Contact timeline, facts and profile fields (Cassandra). */
    Sink<TrackingEvent> contactTables();

    /** Aliases, device and identifier lookups (Cassandra). */
    Sink<IdentityChange> identityTables();

    /** Definitions as read from their topic (Cassandra), for listings. */
    Sink<DefinitionRecord> definitionTables();

    /** The points log (Kafka). */
    Sink<PointsChange> pointsLog();

    /** Scores and the points log per contact (Cassandra). */
    Sink<PointsChange> pointsTables();

    /** Fired point triggers, for the stages that carry out their actions (Kafka). */
    Sink<PointTriggerFired> pointTriggers();

    /** Emails and webhooks to send, from point triggers and campaigns (Kafka), for the outbox and send workers. */
    Sink<SendCommand> sendCommands();

    /** Emails and webhooks to send, into the Cassandra outbox by due minute, where the send workers claim them. */
    Sink<SendCommand> outbox();

    /** Contacts into or out of campaigns, from point triggers (Kafka): the campaign stage takes them in the job; the topic is their record. */
    Sink<CampaignCommand> campaignCommands();

    /** Segment membership changes, for campaigns and webhooks (Kafka). */
    Sink<SegmentMembershipChange> segmentChanges();

    /** Members by segment, segments by contact, entries and exits per day (Cassandra). */
    Sink<SegmentMembershipChange> segmentTables();

    /** Each subtask's progress re-evaluating its contacts after a segment changed (Cassandra), for the API. */
    Sink<BackfillProgress> segmentBackfills();

    /** Campaigns' segment changes by hand (Kafka, the segment-commands topic the segment stage reads). */
    Sink<SegmentCommand> segmentCommands();

    /** Campaigns' changes to contacts (fields, tags, points, do-not-contact) as the contact's events (Kafka, the raw-events topic). */
    Sink<TrackingEvent> contactActions();

    /** Campaign state and late signals of merged contacts, to their survivor (Kafka, read back by the engine). */
    Sink<CampaignHandover> campaignHandovers();

    /** Each contact's steps through campaigns (Cassandra). */
    Sink<CampaignLogEntry> campaignLog();

    /** Per-event counts of each outcome (Cassandra). */
    Sink<CampaignEventCount> campaignStats();

    /** Email stats per email and per campaign event (Cassandra). */
    Sink<EmailStatsRow> emailStats();

    /** Events per minute, for the dashboard (Cassandra). */
    Sink<MinuteCount> eventCounts();
}
