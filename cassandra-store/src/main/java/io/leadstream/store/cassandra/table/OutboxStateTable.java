package io.leadstream.store.cassandra.table;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.stream.Collectors;

/** A row of {@code outbox_state}: the delivery state of an outbox message, changed by lightweight transactions. */
public final class OutboxStateTable {
    public static final String NAME = "outbox_state";

    /** The states of several messages: {@link Row}. */
    public static final String SELECT_BY_COMMAND_ID_IN = "SELECT command_id, state, worker, attempts, retry_at, committing_at FROM {ks}"
            + ".outbox_state WHERE command_id IN ?";

    /** A message's committing mark. */
    public static final String SELECT_WORKER_ATTEMPTS_COMMITTING_AT_BY_COMMAND_ID = "SELECT worker, attempts, committing_at FROM {ks}"
            + ".outbox_state WHERE command_id = ?";

    public static final String UPDATE_STATE_SENT_AT_DETAIL_BY_COMMAND_ID = "UPDATE {ks}.outbox_state SET state = ?, sent_at = ?, detail = ?"
            + " WHERE command_id = ?";

    public static final String SELECT_STATE_ALL = "SELECT state FROM {ks}.outbox_state";

    public static final String SELECT_STATE_DETAIL_ALL = "SELECT state, detail FROM {ks}.outbox_state";

    private OutboxStateTable() {}

    /** Writes these columns of a message that has no row yet. Values: command_id, then the columns. */
    public static String insertColumnsIfNotExists(String... columns) {
        String names = String.join(", ", columns);
        String marks = String.join(", ", Collections.nCopies(columns.length, "?"));
        return "INSERT INTO {ks}.outbox_state (command_id, " + names + ") VALUES (?, " + marks + ") IF NOT EXISTS";
    }

    /** Sets these columns if the row's state, attempts and committing_at are as read. Values: the columns, command_id, then those three. */
    public static String updateColumnsByCommandIdIfUnchanged(String... columns) {
        String sets = Arrays.stream(columns).map(c -> c + " = ?").collect(Collectors.joining(", "));
        return "UPDATE {ks}.outbox_state SET " + sets + " WHERE command_id = ? IF state = ? AND attempts = ? AND committing_at = ?";
    }

    /** A message's state as {@link #SELECT_BY_COMMAND_ID_IN} reads it. */
    public record Row(String commandId, String state, String worker, int attempts, Instant retryAt, Instant committingAt) {
        public static Row from(com.datastax.oss.driver.api.core.cql.Row r) {
            return new Row(r.getString("command_id"), r.getString("state"), r.getString("worker"), r.getInt("attempts"),
                    r.getInstant("retry_at"), r.getInstant("committing_at"));
        }
    }
}
