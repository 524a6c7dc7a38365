package io.leadstream.jobs.campaigns;

/** How many times one event of a campaign had one outcome, so far. A Flink POJO. */
public class CampaignEventCount {
    public String campaignId;
    public String eventId;
    public String outcome;
    public long count;

    public CampaignEventCount() {}

    CampaignEventCount(String campaignId, String eventId, String outcome, long count) {
        this.campaignId = campaignId;
        this.eventId = eventId;
        this.outcome = outcome;
        this.count = count;
    }
}
