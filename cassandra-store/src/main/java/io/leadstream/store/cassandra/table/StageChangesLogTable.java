package io.leadstream.store.cassandra.table;

import java.time.Instant;
import java.time.LocalDate;

/** A contact's entry into or exit from a lifecycle stage, by stage and UTC day: contacts per stage over time. */
public final class StageChangesLogTable {
    public static final String NAME = "stage_changes_log";

    public static final String INSERT =
            "INSERT INTO {ks}.stage_changes_log (stage_id, day, event_time, contact_id, kind) VALUES (?, ?, ?, ?, ?)";

    private StageChangesLogTable() {}

    public record Row(String stageId, LocalDate day, Instant eventTime, String contactId, String kind) {
        /** {@link #INSERT}'s values. */
        public Object[] values() {
            return new Object[] {stageId, day, eventTime, contactId, kind};
        }
    }
}
