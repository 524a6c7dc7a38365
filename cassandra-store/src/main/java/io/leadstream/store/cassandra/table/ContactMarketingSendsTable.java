package io.leadstream.store.cassandra.table;

/** A marketing email sent to a contact, living as long as the frequency period: counted against the cap. */
public final class ContactMarketingSendsTable {
    public static final String NAME = "contact_marketing_sends";

    private ContactMarketingSendsTable() {}
}
