package io.leadstream.store.cassandra.table;

/** The email counts of one send step of a campaign. */
public final class CampaignEmailStatsTable {
    public static final String NAME = "campaign_email_stats";

    public static final String SELECT_BY_CAMPAIGN_ID = "SELECT * FROM {ks}.campaign_email_stats WHERE campaign_id = ?";

    private CampaignEmailStatsTable() {}
}
