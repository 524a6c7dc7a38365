package io.leadstream.store.cassandra.table;

/** How many times a campaign event reached each outcome (the campaign's funnel), written whole by the engine so a replay rewrites the same count. */
public final class CampaignEventStatsTable {
    public static final String NAME = "campaign_event_stats";

    public static final String INSERT =
            "INSERT INTO {ks}.campaign_event_stats (campaign_id, event_id, outcome, count) VALUES (?, ?, ?, ?) USING TIMESTAMP ?";

    public static final String SELECT_BY_CAMPAIGN_ID = "SELECT event_id, outcome, count FROM {ks}.campaign_event_stats WHERE campaign_id = ?";

    private CampaignEventStatsTable() {}

    public record Row(String campaignId, String eventId, String outcome, long count) {
        /** {@link #INSERT}'s values: the columns, then the write timestamp. */
        public Object[] values(long usingTimestamp) {
            return new Object[] {campaignId, eventId, outcome, count, usingTimestamp};
        }
    }
}
