package io.leadstream.common.config;

import java.io.Serializable;

/** Topic names derived from one prefix, so a test or a tenant gets its own set. */
public record TopicNames(String prefix) implements Serializable {

    public static TopicNames from(LeadStreamConfig config) {
        return new TopicNames(config.get(KafkaOptions.TOPIC_PREFIX));
    }

    /** Raw tracking events from the gateway, keyed by device id. */
    public String rawEvents() {
        return prefix + "raw-events";
    }

    /** Definitions (forms, assets, segments, campaigns...): compacted, key {@code kind/id}, JSON value, null deletes. */
    public String definitions() {
        return prefix + "definitions";
    }

    /** A definitions record's key: {@code kind/id} (the gateway writes it, the engine and gateways read it). */
    public static String definitionKey(String kind, String id) {
        return kind + "/" + id;
    }

    /** Records the engine could not process, with the reason in a header. */
    public String rejected() {
        return prefix + "rejected";
    }

    /** Events after identity resolution, key = contact id (provisional: resolve through the identity changelog). */
    public String contactEvents() {
        return prefix + "contact-events";
    }

    /** The identity changelog: devices linked and re-pointed, contacts identified and merged. */
    public String identity() {
        return prefix + "identity";
    }

    /** The points log: every score change (PointsChange), key = contact id. */
    public String points() {
        return prefix + "points";
    }

    /**
     * The change stream of profiles (ContactChange), key = contact id, compacted: each record the
     * contact's whole profile after a change of anything but its points (those are on {@link #points()}).
     */
    public String contactChanges() {
        return prefix + "contact-changes";
    }

    /**
     * Messages for the engine's company processor (CompanyCommand), key = company id: the API's company writes, and
     * what one company hands another (a merge); the engine reads it back (Flink 2 has no iterations).
     */
    public String companyCommands() {
        return prefix + "company-commands";
    }

    /** Each company as it is after a change (CompanyChange), key = company id, compacted: the change stream's companies. */
    public String companyChanges() {
        return prefix + "company-changes";
    }

    /** Point triggers that fired (PointTriggerFired), key = contact id: work for the stages that carry out their actions. */
    public String pointTriggers() {
        return prefix + "point-triggers";
    }

    /** Segment membership changes (SegmentMembershipChange), key = contact id: for campaigns and webhooks. */
    public String segmentChanges() {
        return prefix + "segment-changes";
    }

    /** Segment membership set by hand (SegmentCommand), key = contact id: from the API and imports to the segment stage. */
    public String segmentCommands() {
        return prefix + "segment-commands";
    }

    /** Emails and webhooks to deliver (SendCommand, deterministic ids), key = contact id: for the outbox and send workers. */
    public String sendCommands() {
        return prefix + "send-commands";
    }

    /**
     * Messages between contact keys of the engine's contact processor (ContactHandover), key = receiving contact: a merged
     * contact's profile for its survivor, and signals that still carry a merged id. The engine reads it back (Flink 2 has no iterations).
     */
    public String contactHandovers() {
        return prefix + "contact-handovers";
    }

    /** What the send workers did with each message (DeliveryResult), key = contact id: for email stats and the engine. */
    public String deliveryResults() {
        return prefix + "delivery-results";
    }
}
