package io.leadstream.store.cassandra.table;

import io.leadstream.store.cassandra.OutboxLayout;
import java.time.Instant;
import java.util.Map;

/** An email or webhook to deliver, by due minute and shard of its contact ({@link OutboxLayout}): the durable record the send workers' scan reads. */
public final class OutboxTable {
    public static final String NAME = "outbox";

    /** What the send workers read of a message, in {@link Row}'s order. */
    private static final String COLUMNS = "due, command_id, channel, contact_id, email_id, transactional, campaign_id, campaign_event_id, webhook_url,"
            + " attributes";

    /** The messages of a shard due in a time range, over several minutes' buckets. */
    public static final String SELECT_BY_BUCKET_IN_AND_SHARD_DUE_BETWEEN = "SELECT " + COLUMNS
            + " FROM {ks}.outbox WHERE bucket IN ? AND shard = ? AND due >= ? AND due <= ?";

    /** Values: {@link Row#values()}. */
    public static final String INSERT = "INSERT INTO {ks}.outbox (bucket, shard, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** The keys of a contact's pending sends, by a filtering scan: an erasure is rare, and nothing else finds them by contact. */
    public static final String SELECT_BY_CONTACT_ID = "SELECT bucket, shard, due, command_id FROM {ks}.outbox WHERE contact_id = ? ALLOW FILTERING";
    public static final String DELETE_BY_BUCKET_AND_SHARD_AND_DUE_AND_COMMAND_ID =
            "DELETE FROM {ks}.outbox WHERE bucket = ? AND shard = ? AND due = ? AND command_id = ?";

    private OutboxTable() {}

    /** A message as the workers read and file it; its bucket and shard follow from its due time and contact. */
    public record Row(Instant due, String commandId, String channel, String contactId, String emailId, boolean transactional,
                      String campaignId, String campaignEventId, String webhookUrl, Map<String, String> attributes) {
        public static Row from(com.datastax.oss.driver.api.core.cql.Row r) {
            return new Row(r.getInstant("due"), r.getString("command_id"), r.getString("channel"), r.getString("contact_id"),
                    r.getString("email_id"), r.getBoolean("transactional"), r.getString("campaign_id"), r.getString("campaign_event_id"),
                    r.getString("webhook_url"), r.getMap("attributes", String.class, String.class));
        }

        /** {@link #INSERT}'s values. */
        public Object[] values() {
            return new Object[] {OutboxLayout.bucket(due), OutboxLayout.shard(contactId), due, commandId, channel, contactId, emailId,
                transactional, campaignId, campaignEventId, webhookUrl, attributes};
        }
    }
}
