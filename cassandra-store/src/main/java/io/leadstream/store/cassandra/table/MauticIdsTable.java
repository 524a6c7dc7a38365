package io.leadstream.store.cassandra.table;

/** A row of {@code mautic_ids} claims an integer id of Mautic's API for what we name by a string (the target). */
public final class MauticIdsTable {
    public static final String NAME = "mautic_ids";

    public static final String SELECT_BY_KIND_AND_ID = "SELECT target FROM {ks}.mautic_ids WHERE kind = ? AND id = ?";
    public static final String INSERT_IF_NOT_EXISTS = "INSERT INTO {ks}.mautic_ids (kind, id, target) VALUES (?, ?, ?) IF NOT EXISTS";

    private MauticIdsTable() {}
}
