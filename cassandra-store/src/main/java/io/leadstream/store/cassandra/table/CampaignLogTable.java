package io.leadstream.store.cassandra.table;

import java.time.Instant;

/** One step of a contact through a campaign (entered, scheduled, executed...): the contact page's campaign history. */
public final class CampaignLogTable {
    public static final String NAME = "campaign_log";

    public static final String INSERT = "INSERT INTO {ks}.campaign_log (contact_id, campaign_id, at, event_id, outcome, rotation, scheduled_for, detail)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    public static final String SELECT_BY_CONTACT_ID =
            "SELECT campaign_id, at, event_id, outcome, scheduled_for, detail FROM {ks}.campaign_log WHERE contact_id = ?";

    private CampaignLogTable() {}

    public record Row(String contactId, String campaignId, Instant at, String eventId, String outcome, int rotation, Instant scheduledFor,
                      String detail) {
        /** {@link #INSERT}'s values. */
        public Object[] values() {
            return new Object[] {contactId, campaignId, at, eventId, outcome, rotation, scheduledFor, detail};
        }
    }
}
