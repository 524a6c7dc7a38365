package io.leadstream.store.cassandra.table;

import java.time.Instant;
import java.util.Map;

/** A form submission by form, newest first: the form's results. */
public final class FormSubmissionsTable {
    public static final String NAME = "form_submissions";

    public static final String INSERT = "INSERT INTO {ks}.form_submissions (form_id, submitted_at, event_id, contact_id, page_url, ip, form_values)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)";

    private FormSubmissionsTable() {}

    public record Row(String formId, Instant submittedAt, String eventId, String contactId, String pageUrl, String ip, Map<String, String> formValues) {
        /** {@link #INSERT}'s values. */
        public Object[] values() {
            return new Object[] {formId, submittedAt, eventId, contactId, pageUrl, ip, formValues};
        }
    }
}
