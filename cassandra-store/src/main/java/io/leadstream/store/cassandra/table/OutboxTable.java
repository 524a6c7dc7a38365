package io.leadstream.store.cassandra.table;

/** An email or webhook to deliver, by due minute and shard of its contact (OutboxLayout). */
public final class OutboxTable {
    public static final String NAME = "outbox";

    /** The keys of a contact's pending sends, by a filtering scan: an erasure is rare, and nothing else finds them by contact. */
    public static final String SELECT_BY_CONTACT_ID = "SELECT bucket, shard, due, command_id FROM {ks}.outbox WHERE contact_id = ? ALLOW FILTERING";
    public static final String DELETE_BY_BUCKET_AND_SHARD_AND_DUE_AND_COMMAND_ID =
            "DELETE FROM {ks}.outbox WHERE bucket = ? AND shard = ? AND due = ? AND command_id = ?";

    private OutboxTable() {}
}
