package io.leadstream.store.cassandra.table;

import java.time.Instant;

/** A decision that an alias id belongs to a survivor contact; an alias's first row (earliest claim) is the current one. */
public final class ContactAliasesTable {
    public static final String NAME = "contact_aliases";

    public static final String INSERT = "INSERT INTO {ks}.contact_aliases (alias_id, claim_time, owner_time, target_id) VALUES (?, ?, ?, ?)";

    private ContactAliasesTable() {}

    public record Row(String aliasId, Instant claimTime, Instant ownerTime, String targetId) {
        /** {@link #INSERT}'s values. */
        public Object[] values() {
            return new Object[] {aliasId, claimTime, ownerTime, targetId};
        }
    }
}
