package io.leadstream.store.cassandra.table;

import java.time.Instant;
import java.util.Map;

/** A form submission by form, newest first: the form's results. */
public final class FormSubmissionsTable {
    public static final String NAME = "form_submissions";

    public static final String INSERT = "INSERT INTO {ks}.form_submissions (form_id, submitted_at, event_id, contact_id, page_url, ip, form_values)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)";
    /** The newest 1,000. */
    public static final String SELECT_BY_FORM_ID = "SELECT submitted_at, event_id, contact_id, page_url, ip, form_values"
            + " FROM {ks}.form_submissions WHERE form_id = ? LIMIT 1000";

    /** Up to a limit of a form's submissions before a time (exclusive), newest first. */
    public static final String SELECT_BY_FORM_ID_BEFORE = "SELECT submitted_at, event_id, contact_id, page_url, form_values FROM {ks}.form_submissions"
            + " WHERE form_id = ? AND submitted_at < ? LIMIT ?";
    public static final String DELETE_BY_FORM_ID_AND_SUBMITTED_AT_AND_EVENT_ID =
            "DELETE FROM {ks}.form_submissions WHERE form_id = ? AND submitted_at = ? AND event_id = ?";

    private FormSubmissionsTable() {}

    public record Row(String formId, Instant submittedAt, String eventId, String contactId, String pageUrl, String ip, Map<String, String> formValues) {
        /** A submission as {@link #SELECT_BY_FORM_ID} reads it: the form is the one asked for. */
        public static Row from(String formId, com.datastax.oss.driver.api.core.cql.Row r) {
            return new Row(formId, r.getInstant("submitted_at"), r.getString("event_id"), r.getString("contact_id"), r.getString("page_url"),
                    r.getString("ip"), r.getMap("form_values", String.class, String.class));
        }

        /** {@link #INSERT}'s values. */
        public Object[] values() {
            return new Object[] {formId, submittedAt, eventId, contactId, pageUrl, ip, formValues};
        }
    }
}
