package io.leadstream.jobs.emails;

/** What is known of one email send, kept per send id: where it counts, and what happened to it. A Flink POJO. */
public class SendFacts {
    public String emailId;
    public String campaignId;
    public String campaignEventId;
    public boolean sent;
    public boolean failed;
    public boolean bounced;
    public boolean hardBounced;
    public boolean unsubscribed;
    /** Not sent on purpose: do not contact, frequency cap, once per contact, no address. */
    public boolean suppressed;
    /** Decided by the engine (its send command was seen). */
    public boolean queued;
    public long opens;
    public long clicks;
    /** The segment a segment send went through. */
    public String segmentId;
    /** Why it was suppressed (a DeliveryResult reason). */
    public String suppressedReason;

    public SendFacts() {}

    SendFacts copy() {
        SendFacts f = new SendFacts();
        f.emailId = emailId;
        f.campaignId = campaignId;
        f.campaignEventId = campaignEventId;
        f.sent = sent;
        f.failed = failed;
        f.bounced = bounced;
        f.hardBounced = hardBounced;
        f.unsubscribed = unsubscribed;
        f.suppressed = suppressed;
        f.queued = queued;
        f.opens = opens;
        f.clicks = clicks;
        f.segmentId = segmentId;
        f.suppressedReason = suppressedReason;
        return f;
    }
}
