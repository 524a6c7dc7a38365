package io.leadstream.store.cassandra.table;

import java.time.Instant;
import java.util.Map;

/** One event of a contact, newest first: its timeline, and the device it came from. */
public final class ContactTimelineTable {
    public static final String NAME = "contact_timeline";

    /** A contact's newest events, up to a limit. */
    public static final String SELECT_BY_CONTACT_ID = "SELECT contact_id, event_time, event_id, kind, device_id, url, title, detail FROM "
            + "{ks}.contact_timeline WHERE contact_id = ? LIMIT ?";

    private ContactTimelineTable() {}

    public record Row(String contactId, Instant eventTime, String eventId, String kind, String deviceId, String url, String title,
                      Map<String, String> detail) {
        public static Row from(com.datastax.oss.driver.api.core.cql.Row r) {
            return new Row(r.getString("contact_id"), r.getInstant("event_time"), r.getString("event_id"), r.getString("kind"),
                    r.getString("device_id"), r.getString("url"), r.getString("title"), r.getMap("detail", String.class, String.class));
        }
    }
}
