package io.leadstream.store.cassandra.table;

/** An email's totals as sent by one campaign event, written whole by the engine with a version as write timestamp. */
public final class CampaignEmailStatsTable {
    public static final String NAME = "campaign_email_stats";

    public static final String INSERT = "INSERT INTO {ks}.campaign_email_stats (campaign_id, event_id, email_id, sent, delivered, opens, unique_opens,"
            + " clicks, unique_clicks, bounced, unsubscribed, failed, suppressed, queued) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?";

    public static final String SELECT_BY_CAMPAIGN_ID = "SELECT * FROM {ks}.campaign_email_stats WHERE campaign_id = ?";

    private CampaignEmailStatsTable() {}

    public record Row(String campaignId, String eventId, String emailId, long sent, long delivered, long opens, long uniqueOpens, long clicks,
                      long uniqueClicks, long bounced, long unsubscribed, long failed, long suppressed, long queued) {
        /** {@link #INSERT}'s values: the columns, then the write timestamp. */
        public Object[] values(long usingTimestamp) {
            return new Object[] {campaignId, eventId, emailId, sent, delivered, opens, uniqueOpens, clicks, uniqueClicks, bounced, unsubscribed,
                failed, suppressed, queued, usingTimestamp};
        }
    }
}
