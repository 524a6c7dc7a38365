package io.leadstream.store.cassandra.table;

/** A row of {@code hit_counters} counts one kind of hit (view, conversion, submission) on an item the gateway serves. */
public final class HitCountersTable {
    public static final String NAME = "hit_counters";

    public static final String UPDATE_COUNT_BY_SUBJECT_AND_ID_AND_KIND =
            "UPDATE {ks}.hit_counters SET count = count + ? WHERE subject = ? AND id = ? AND kind = ?";
    public static final String SELECT_BY_SUBJECT_AND_ID = "SELECT kind, count FROM {ks}.hit_counters WHERE subject = ? AND id = ?";

    private HitCountersTable() {}
}
