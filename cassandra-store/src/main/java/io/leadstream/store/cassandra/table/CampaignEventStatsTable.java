package io.leadstream.store.cassandra.table;

/** How often a campaign event had an outcome (triggered, scheduled, executed, yes, no): the funnel. */
public final class CampaignEventStatsTable {
    public static final String NAME = "campaign_event_stats";

    public static final String SELECT_BY_CAMPAIGN_ID = "SELECT event_id, outcome, count FROM {ks}.campaign_event_stats WHERE campaign_id = ?";

    private CampaignEventStatsTable() {}
}
