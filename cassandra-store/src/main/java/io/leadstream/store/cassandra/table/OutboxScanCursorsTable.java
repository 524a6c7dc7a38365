package io.leadstream.store.cassandra.table;

/** A row of {@code outbox_scan_cursors}: the minute a send-commands partition's outbox scan is done to, for its next owner. */
public final class OutboxScanCursorsTable {
    public static final String NAME = "outbox_scan_cursors";

    public static final String SELECT_BY_SEND_PARTITIONS_AND_SEND_PARTITION = "SELECT done_to FROM {ks}.outbox_scan_cursors"
            + " WHERE send_partitions = ? AND send_partition = ?";

    public static final String INSERT = "INSERT INTO {ks}.outbox_scan_cursors (send_partitions, send_partition, done_to) VALUES (?, ?, ?)";

    private OutboxScanCursorsTable() {}
}
