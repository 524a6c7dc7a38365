package io.leadstream.jobs.emails;

/**
 * A change to the stats of one scope: an email ({@code campaignId} null) or one campaign event's
 * email. Keyed by {@link #scope()}. A Flink POJO.
 */
public class EmailStatsDelta {
    public String emailId;
    public String campaignId;
    public String campaignEventId;
    public EmailCounts counts;

    public EmailStatsDelta() {}

    EmailStatsDelta(String emailId, String campaignId, String campaignEventId, EmailCounts counts) {
        this.emailId = emailId;
        this.campaignId = campaignId;
        this.campaignEventId = campaignEventId;
        this.counts = counts;
    }

    String scope() {
        return campaignId == null ? "email\u001f" + emailId : "campaign\u001f" + campaignId + "\u001f" + campaignEventId;
    }
}
