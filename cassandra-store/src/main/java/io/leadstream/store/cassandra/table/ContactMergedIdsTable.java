package io.leadstream.store.cassandra.table;

/** A row of {@code contact_merged_ids}: an id merged into a surviving contact, so reads of the survivor include it. */
public final class ContactMergedIdsTable {
    public static final String NAME = "contact_merged_ids";

    public static final String SELECT_BY_TARGET_ID_IN = "SELECT target_id, alias_id FROM {ks}.contact_merged_ids WHERE target_id IN ?";

    private ContactMergedIdsTable() {}
}
