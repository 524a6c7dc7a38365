package io.leadstream.store.cassandra.table;

import java.time.Instant;
import java.util.Map;

/** A row of {@code form_submissions} is one submission of a form: a form's results, newest first. */
public final class FormSubmissionsTable {
    public static final String NAME = "form_submissions";

    /** The newest 1,000. */
    public static final String SELECT_BY_FORM_ID = "SELECT submitted_at, event_id, contact_id, page_url, ip, form_values"
            + " FROM {ks}.form_submissions WHERE form_id = ? LIMIT 1000";

    private FormSubmissionsTable() {}

    /** A submission as {@link #SELECT_BY_FORM_ID} reads it (the form is the one asked for). */
    public record Row(Instant submittedAt, String eventId, String contactId, String pageUrl, String ip, Map<String, String> formValues) {
        public static Row from(com.datastax.oss.driver.api.core.cql.Row r) {
            return new Row(r.getInstant("submitted_at"), r.getString("event_id"), r.getString("contact_id"), r.getString("page_url"),
                    r.getString("ip"), r.getMap("form_values", String.class, String.class));
        }
    }
}
