package io.leadstream.store.cassandra.table;

import java.time.Instant;
import java.util.Map;

/** An email or webhook to deliver, by due minute and shard: the durable record the send workers' scan reads. */
public final class OutboxTable {
    public static final String NAME = "outbox";

    public static final String INSERT = "INSERT INTO {ks}.outbox (bucket, shard, due, command_id, channel, contact_id, email_id, transactional, webhook_url,"
            + " campaign_id, campaign_event_id, attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** The keys of a contact's pending sends, by a filtering scan: an erasure is rare, and nothing else finds them by contact. */
    public static final String SELECT_BY_CONTACT_ID = "SELECT bucket, shard, due, command_id FROM {ks}.outbox WHERE contact_id = ? ALLOW FILTERING";
    public static final String DELETE_BY_BUCKET_AND_SHARD_AND_DUE_AND_COMMAND_ID =
            "DELETE FROM {ks}.outbox WHERE bucket = ? AND shard = ? AND due = ? AND command_id = ?";

    private OutboxTable() {}

    public record Row(Instant bucket, int shard, Instant due, String commandId, String channel, String contactId, String emailId, boolean transactional,
                      String webhookUrl, String campaignId, String campaignEventId, Map<String, String> attributes) {
        /** {@link #INSERT}'s values. */
        public Object[] values() {
            return new Object[] {bucket, shard, due, commandId, channel, contactId, emailId, transactional, webhookUrl, campaignId, campaignEventId,
                attributes};
        }
    }
}
