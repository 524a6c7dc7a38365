package io.leadstream.store.cassandra.table;

/** A marketing email sent to a contact, living as long as the frequency period: counted against the cap. */
public final class ContactMarketingSendsTable {
    public static final String NAME = "contact_marketing_sends";

    public static final String COUNT_BY_CONTACT_ID_SENT_AFTER = "SELECT count(*) FROM {ks}.contact_marketing_sends WHERE contact_id = ? AND sent_at > ?";
    /** Values: contact_id, sent_at, command_id, the TTL in seconds. */
    public static final String INSERT_USING_TTL = "INSERT INTO {ks}.contact_marketing_sends (contact_id, sent_at, command_id) VALUES (?, ?, ?) USING TTL ?";

    private ContactMarketingSendsTable() {}
}
