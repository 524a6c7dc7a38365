package io.leadstream.store.cassandra.table;

import java.time.Instant;
import java.util.Map;

/** An event of a contact (and the device it came from), newest first: the contact's timeline, also its points log. */
public final class ContactTimelineTable {
    public static final String NAME = "contact_timeline";

    public static final String INSERT = "INSERT INTO {ks}.contact_timeline (contact_id, event_time, event_id, kind, device_id, url, title, detail) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    public static final String INSERT_KIND_AND_DETAIL =
            "INSERT INTO {ks}.contact_timeline (contact_id, event_time, event_id, kind, detail) VALUES (?, ?, ?, ?, ?)";

    /** A contact's newest events, up to a limit. */
    public static final String SELECT_BY_CONTACT_ID = "SELECT contact_id, event_time, event_id, kind, device_id, url, title, detail FROM "
            + "{ks}.contact_timeline WHERE contact_id = ? LIMIT ?";

    /** The events of a contact that came from a device (a scan of the contact's partition). */
    public static final String SELECT_BY_CONTACT_ID_AND_DEVICE_ID = "SELECT event_id FROM {ks}.contact_timeline WHERE contact_id = ? AND device_id = ?"
            + " ALLOW FILTERING";
    public static final String SELECT_DEVICE_ID_EVENT_ID_ALL = "SELECT device_id, event_id FROM {ks}.contact_timeline";

    private ContactTimelineTable() {}

    public record Row(String contactId, Instant eventTime, String eventId, String kind, String deviceId, String url, String title,
                      Map<String, String> detail) {
        /** {@link #INSERT}'s values. */
        public Object[] values() {
            return new Object[] {contactId, eventTime, eventId, kind, deviceId, url, title, detail};
        }

        /** {@link #INSERT_KIND_AND_DETAIL}'s values. */
        public Object[] kindAndDetailValues() {
            return new Object[] {contactId, eventTime, eventId, kind, detail};
        }

        public static Row from(com.datastax.oss.driver.api.core.cql.Row r) {
            return new Row(r.getString("contact_id"), r.getInstant("event_time"), r.getString("event_id"), r.getString("kind"),
                    r.getString("device_id"), r.getString("url"), r.getString("title"), r.getMap("detail", String.class, String.class));
        }
    }
}
