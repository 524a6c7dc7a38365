package io.leadstream.store.cassandra.table;

import java.time.Instant;

/** A bounce of a contact's email (hard or soft), newest first: the count of its soft bounces, and why. */
public final class ContactBouncesTable {
    public static final String NAME = "contact_bounces";

    public static final String INSERT = "INSERT INTO {ks}.contact_bounces (contact_id, event_time, event_id, kind, address, send_id, diagnostic)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)";

    private ContactBouncesTable() {}

    public record Row(String contactId, Instant eventTime, String eventId, String kind, String address, String sendId, String diagnostic) {
        /** {@link #INSERT}'s values. */
        public Object[] values() {
            return new Object[] {contactId, eventTime, eventId, kind, address, sendId, diagnostic};
        }
    }
}
