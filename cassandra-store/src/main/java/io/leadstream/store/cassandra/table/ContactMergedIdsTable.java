package io.leadstream.store.cassandra.table;

/** An id merged into a survivor contact (a candidate: readers keep it only while its current alias row still points there). */
public final class ContactMergedIdsTable {
    public static final String NAME = "contact_merged_ids";

    public static final String INSERT = "INSERT INTO {ks}.contact_merged_ids (target_id, alias_id) VALUES (?, ?)";

    public static final String SELECT_BY_TARGET_ID = "SELECT alias_id FROM {ks}.contact_merged_ids WHERE target_id = ?";

    public static final String SELECT_BY_TARGET_ID_IN = "SELECT target_id, alias_id FROM {ks}.contact_merged_ids WHERE target_id IN ?";

    private ContactMergedIdsTable() {}
}
