package io.leadstream.store.cassandra.table;

import java.time.Instant;
import java.time.LocalDate;

/** A contact's entry into or exit from a lifecycle stage, by stage and UTC day: contacts per stage over time. */
public final class StageChangesLogTable {
    public static final String NAME = "stage_changes_log";

    public static final String INSERT =
            "INSERT INTO {ks}.stage_changes_log (stage_id, day, event_time, contact_id, kind) VALUES (?, ?, ?, ?, ?)";

    /** The kinds (ENTERED, LEFT) of a stage's changes on a day. */
    public static final String SELECT_BY_STAGE_ID_AND_DAY = "SELECT kind FROM {ks}.stage_changes_log WHERE stage_id = ? AND day = ?";
    /** The keys of a contact's rows, by a filtering scan: an erasure is rare, and nothing else finds them by contact. */
    public static final String SELECT_BY_CONTACT_ID = "SELECT stage_id, day, event_time FROM {ks}.stage_changes_log WHERE contact_id = ? ALLOW FILTERING";
    public static final String DELETE_BY_STAGE_ID_AND_DAY_AND_EVENT_TIME_AND_CONTACT_ID =
            "DELETE FROM {ks}.stage_changes_log WHERE stage_id = ? AND day = ? AND event_time = ? AND contact_id = ?";

    private StageChangesLogTable() {}

    public record Row(String stageId, LocalDate day, Instant eventTime, String contactId, String kind) {
        /** {@link #INSERT}'s values. */
        public Object[] values() {
            return new Object[] {stageId, day, eventTime, contactId, kind};
        }
    }
}
