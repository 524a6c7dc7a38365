package io.leadstream.store.cassandra.table;

import java.time.Instant;
import java.util.Map;

/** A form submission by contact, so a GDPR access request or erasure finds it without scanning every form. */
public final class ContactFormSubmissionsTable {
    public static final String NAME = "contact_form_submissions";

    public static final String INSERT = "INSERT INTO {ks}.contact_form_submissions (contact_id, form_id, submitted_at, event_id, page_url, ip, form_values)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)";
    /** One row at most: whether the contact has submitted the form. */
    public static final String SELECT_BY_CONTACT_ID_AND_FORM_ID =
            "SELECT event_id FROM {ks}.contact_form_submissions WHERE contact_id = ? AND form_id = ? LIMIT 1";

    private ContactFormSubmissionsTable() {}

    public record Row(String contactId, String formId, Instant submittedAt, String eventId, String pageUrl, String ip, Map<String, String> formValues) {
        /** {@link #INSERT}'s values. */
        public Object[] values() {
            return new Object[] {contactId, formId, submittedAt, eventId, pageUrl, ip, formValues};
        }
    }
}
