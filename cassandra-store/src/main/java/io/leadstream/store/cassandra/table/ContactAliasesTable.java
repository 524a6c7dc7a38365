package io.leadstream.store.cassandra.table;

import java.time.Instant;

/** A decision that an alias id belongs to a survivor contact; an alias's first row (earliest claim) is the current one. */
public final class ContactAliasesTable {
    public static final String NAME = "contact_aliases";

    public static final String INSERT = "INSERT INTO {ks}.contact_aliases (alias_id, claim_time, owner_time, target_id) VALUES (?, ?, ?, ?)";

    /** The current alias row's target (the partition's first row). */
    public static final String SELECT_BY_ALIAS_ID = "SELECT target_id FROM {ks}.contact_aliases WHERE alias_id = ? LIMIT 1";
    /** Every id that has an alias row, i.e. was merged into another. */
    public static final String SELECT_DISTINCT_ALIAS_ID = "SELECT DISTINCT alias_id FROM {ks}.contact_aliases";

    private ContactAliasesTable() {}

    public record Row(String aliasId, Instant claimTime, Instant ownerTime, String targetId) {
        /** {@link #INSERT}'s values. */
        public Object[] values() {
            return new Object[] {aliasId, claimTime, ownerTime, targetId};
        }
    }
}
