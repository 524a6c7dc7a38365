package io.leadstream.jobs.emails;

/**
 * A change to the stats of one scope: an email, one campaign event's email ({@code campaignId}), one
 * segment of an email's segment send ({@code segmentId}) or one link of an email ({@code url}). Keyed
 * by {@link #scope()}. A Flink POJO.
 */
public class EmailStatsDelta {
    public String emailId;
    public String campaignId;
    public String campaignEventId;
    public String segmentId;
    public String url;
    public EmailCounts counts;

    public EmailStatsDelta() {}

    static EmailStatsDelta segment(String emailId, String segmentId, EmailCounts counts) {
        EmailStatsDelta d = new EmailStatsDelta(emailId, null, null, counts);
        d.segmentId = segmentId;
        return d;
    }

    static EmailStatsDelta link(String emailId, String url, EmailCounts counts) {
        EmailStatsDelta d = new EmailStatsDelta(emailId, null, null, counts);
        d.url = url;
        return d;
    }

    /** Whether the scope counts per day too: an email's, or a segment's of its send. */
    boolean daily() {
        return campaignId == null && url == null;
    }

    EmailStatsDelta(String emailId, String campaignId, String campaignEventId, EmailCounts counts) {
        this.emailId = emailId;
        this.campaignId = campaignId;
        this.campaignEventId = campaignEventId;
        this.counts = counts;
    }

    String scope() {
        if (campaignId != null) {
            return "campaign\u001f" + campaignId + "\u001f" + campaignEventId;
        }
        if (segmentId != null) {
            return "segment\u001f" + emailId + "\u001f" + segmentId;
        }
        return url != null ? "link\u001f" + emailId + "\u001f" + url : "email\u001f" + emailId;
    }
}
