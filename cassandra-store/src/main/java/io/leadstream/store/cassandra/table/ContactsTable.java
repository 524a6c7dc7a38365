package io.leadstream.store.cassandra.table;

/** The facts of a contact id: first and last seen, timezone, ip, and the identifier it was identified by. */
public final class ContactsTable {
    public static final String NAME = "contacts";

    /** Also sets {@code identified = true}. */
    public static final String UPDATE_IDENTIFIER_BY_CONTACT_ID =
            "UPDATE {ks}.contacts SET identified = true, identifier_field = ?, identifier_value = ? WHERE contact_id = ?";
    public static final String UPDATE_LAST_SEEN_TIMEZONE_IP_BY_CONTACT_ID =
            "UPDATE {ks}.contacts USING TIMESTAMP ? SET last_seen = ?, timezone = ?, ip = ? WHERE contact_id = ?";
    public static final String UPDATE_FIRST_SEEN_BY_CONTACT_ID = "UPDATE {ks}.contacts USING TIMESTAMP ? SET first_seen = ? WHERE contact_id = ?";
    public static final String UPDATE_TIMEZONE_BY_CONTACT_ID = "UPDATE {ks}.contacts USING TIMESTAMP ? SET timezone = ? WHERE contact_id = ?";

    private ContactsTable() {}

    /** The first {@code limit} contact ids in storage order; the limit is part of the text, not bound. */
    public static String selectContactIdLimit(int limit) {
        return "SELECT contact_id FROM {ks}.contacts LIMIT " + limit;
    }
}
