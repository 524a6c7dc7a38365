package io.leadstream.store.cassandra.table;

/** A row of {@code mautic_id_of} is the reverse of {@code mautic_ids}: the one integer id a target answers to. */
public final class MauticIdOfTable {
    public static final String NAME = "mautic_id_of";

    public static final String SELECT_BY_KIND_AND_TARGET = "SELECT id FROM {ks}.mautic_id_of WHERE kind = ? AND target = ?";
    public static final String INSERT_IF_NOT_EXISTS = "INSERT INTO {ks}.mautic_id_of (kind, target, id) VALUES (?, ?, ?) IF NOT EXISTS";

    private MauticIdOfTable() {}
}
