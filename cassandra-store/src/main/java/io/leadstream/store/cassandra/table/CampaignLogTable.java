package io.leadstream.store.cassandra.table;

/** One step of a contact through a campaign: the contact page's campaign history. */
public final class CampaignLogTable {
    public static final String NAME = "campaign_log";

    public static final String SELECT_BY_CONTACT_ID =
            "SELECT campaign_id, at, event_id, outcome, scheduled_for, detail FROM {ks}.campaign_log WHERE contact_id = ?";

    private CampaignLogTable() {}
}
