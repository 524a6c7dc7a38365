package io.leadstream.store.cassandra.table;

/** A contact in a lifecycle stage: the stage's contacts, paged by contact id. */
public final class StageMembersTable {
    public static final String NAME = "stage_members";

    public static final String INSERT = "INSERT INTO {ks}.stage_members (stage_id, contact_id) VALUES (?, ?) USING TIMESTAMP ?";
    public static final String DELETE_USING_TIMESTAMP_BY_STAGE_ID_AND_CONTACT_ID =
            "DELETE FROM {ks}.stage_members USING TIMESTAMP ? WHERE stage_id = ? AND contact_id = ?";

    public static final String COUNT_BY_STAGE_ID = "SELECT COUNT(*) FROM {ks}.stage_members WHERE stage_id = ?";

    public static final String DELETE_BY_STAGE_ID_AND_CONTACT_ID = "DELETE FROM {ks}.stage_members WHERE stage_id = ? AND contact_id = ?";

    private StageMembersTable() {}
}
