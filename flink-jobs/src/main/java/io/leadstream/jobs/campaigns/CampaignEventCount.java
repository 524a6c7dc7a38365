package io.leadstream.jobs.campaigns;

/** How many times one event of a campaign had one outcome, so far. A Flink POJO. */
public class CampaignEventCount {
    public String campaignId;
    public String eventId;
    public String outcome;
    public long count;
    /** How many changes made this count: only grows, even when the count falls, so the later write wins. */
    public long version;

    public CampaignEventCount() {}

    CampaignEventCount(String campaignId, String eventId, String outcome, long count, long version) {
        this.campaignId = campaignId;
        this.eventId = eventId;
        this.outcome = outcome;
        this.count = count;
        this.version = version;
    }
}
