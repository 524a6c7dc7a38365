package io.leadstream.store.cassandra.table;

/** The send command reserving a (contact, marketing email) pair: a marketing email goes once per contact. */
public final class MarketingSendsTable {
    public static final String NAME = "marketing_sends";

    /** The reservations of several contacts: {@link Row}. */
    public static final String SELECT_BY_CONTACT_ID_IN = "SELECT contact_id, email_id, command_id FROM {ks}.marketing_sends WHERE contact_id IN ?";
    public static final String INSERT = "INSERT INTO {ks}.marketing_sends (contact_id, email_id, command_id) VALUES (?, ?, ?)";
    public static final String DELETE_BY_CONTACT_ID_AND_EMAIL_ID = "DELETE FROM {ks}.marketing_sends WHERE contact_id = ? AND email_id = ?";

    private MarketingSendsTable() {}

    public record Row(String contactId, String emailId, String commandId) {
        public static Row from(com.datastax.oss.driver.api.core.cql.Row r) {
            return new Row(r.getString("contact_id"), r.getString("email_id"), r.getString("command_id"));
        }
    }
}
