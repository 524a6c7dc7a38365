package io.leadstream.store.cassandra.table;

/** A claim that an id is an alias of a survivor: the partition's first row is the current one. */
public final class ContactAliasesTable {
    public static final String NAME = "contact_aliases";

    /** The current alias row's target (the partition's first row). */
    public static final String SELECT_BY_ALIAS_ID = "SELECT target_id FROM {ks}.contact_aliases WHERE alias_id = ? LIMIT 1";
    /** Every id that has an alias row, i.e. was merged into another. */
    public static final String SELECT_DISTINCT_ALIAS_ID = "SELECT DISTINCT alias_id FROM {ks}.contact_aliases";

    private ContactAliasesTable() {}
}
