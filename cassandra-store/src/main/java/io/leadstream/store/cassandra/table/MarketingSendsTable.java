package io.leadstream.store.cassandra.table;

/** The send command reserving a (contact, marketing email) pair: a marketing email goes once per contact. */
public final class MarketingSendsTable {
    public static final String NAME = "marketing_sends";

    private MarketingSendsTable() {}
}
