package io.leadstream.store.cassandra.table;

import java.time.Instant;

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

    public static final String SELECT_BY_CONTACT_ID = "SELECT first_seen, last_seen, timezone, ip, identified, identifier_field, identifier_value FROM "
            + "{ks}.contacts WHERE contact_id = ?";
    /** The first contact ids of a scan in token order, up to a limit. */
    public static final String SELECT_CONTACT_ID = "SELECT contact_id FROM {ks}.contacts LIMIT ?";
    /** The next contact ids of a scan in token order, after a contact id's token, up to a limit. */
    public static final String SELECT_CONTACT_ID_AFTER = "SELECT contact_id FROM {ks}.contacts WHERE token(contact_id) > token(?) LIMIT ?";
    /** Every contact id and whether it is identified: a full scan. */
    public static final String SELECT_CONTACT_ID_IDENTIFIED = "SELECT contact_id, identified FROM {ks}.contacts";
    /** Deletes first_seen, written with backwards timestamps: the timestamp must shadow them all (FirstSeen). */
    public static final String DELETE_FIRST_SEEN_USING_TIMESTAMP_BY_CONTACT_ID = "DELETE first_seen FROM {ks}.contacts USING TIMESTAMP ? WHERE contact_id = ?";

    private ContactsTable() {}

    /** The first {@code limit} contact ids in storage order; the limit is part of the text, not bound. */
    public static String selectContactIdLimit(int limit) {
        return "SELECT contact_id FROM {ks}.contacts LIMIT " + limit;
    }

    /** A row as {@link #SELECT_BY_CONTACT_ID} reads it (all but the key). */
    public record Row(Instant firstSeen, Instant lastSeen, String timezone, String ip, Boolean identified, String identifierField,
                      String identifierValue) {
        public static Row from(com.datastax.oss.driver.api.core.cql.Row r) {
            return new Row(r.getInstant("first_seen"), r.getInstant("last_seen"), r.getString("timezone"), r.getString("ip"),
                    r.get("identified", Boolean.class), r.getString("identifier_field"), r.getString("identifier_value"));
        }
    }
}
